#!/usr/bin/env python3
"""make_hostile_crates.py: the suite of malicious and broken distfiles for
tests/hostile/hostile_crates.sh, and a few helpers shared by the hostile tests.

Usage:
    make_hostile_crates.py cases OUTDIR      write every case into OUTDIR/<case>/
    make_hostile_crates.py listing DIR [--mtime]
                                             print a listing of DIR (see below)
    make_hostile_crates.py many OUTDIR COUNT SEED
                                             write COUNT ordinary crates and their
                                             manifest (for the kill test)

`cases` writes, for every case, OUTDIR/<case>/:
    dist/<distfile>     the distfile(s), crafted byte by byte (tar headers are
                        written by hand here, not by tarfile, so that any field can
                        lie: ustar prefix, GNU long names, pax records, types...)
    manifest            a cargo-distfiles manifest listing them; the sha256 is the
                        file's real one (so verification passes and the extraction
                        rules are what is tested) unless the case is about a
                        mismatch
    outside/            an empty folder that escaping entries aim at
    expect.status       the exit status `unpack` must end with
    expect.stderr       its exact stderr (absolute paths of OUTDIR/<case>/ inside)
    expect.listing      the exact listing of vendor/ afterwards (empty for a
                        refused crate: no partial crate may be left)
    describe            one line saying what the case is
and OUTDIR/cases.list, one case name a line.

The test runs, for each case,
    cargo-distfiles unpack --manifest OUTDIR/<case>/manifest
        --distdir OUTDIR/<case>/dist --vendor OUTDIR/<case>/vendor -j 2
with umask 022. OUTDIR must be an absolute path; it ends up inside entry names.

Listing format (one line per entry below DIR, sorted by path bytes; bytes of a
path outside 0x21-0x7e and '\\' written as \\xNN):
    d MODE PATH              folder
    f MODE SHA256 PATH       regular file (with --mtime: f MODE MTIME SHA256 PATH, MTIME
                             "-" for .cargo-checksum.json, written at unpack time)
    l PATH -> TARGET         symbolic link
    ? PATH                   anything else

Expectations: what the issue asks (refused with a clear error, nothing written
outside the vendor directory, no partial crate), except where cargo 1.95 itself
merely skips an entry or ignores bytes, which is documented case by case below
(ACCEPTED_*). Messages that cargo-distfiles does not produce yet are marked
PROPOSED: they are the texts proposed to the owner of src/unpack/, kept here in
one place so that they are easy to align with the final wording.
"""

import hashlib
import json
import os
import random
import stat
import struct
import sys
import zlib

CRATES_IO = "registry+https://github.com/rust-lang/crates.io-index"
MTIME = 1500000000
LIMIT = 512 << 20  # max(512 MiB, 20 x size) for every crate here
ONLY = "(only regular files and directories are allowed)"
# An upper bound on entries per archive (PROPOSED; cargo has none, and a crate of
# 100001 empty files would make 100001 inodes before its bytes reach the limit).
MAX_ENTRIES = 100000


# --------------------------------------------------------------------------
# cdf::quote, as src/util/error.cpp writes it.

def quote(value):
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogateescape")
    out = '"'
    for i, c in enumerate(value):
        if i == 120:
            return out + f'"... ({len(value)} bytes)'
        if c in (0x22, 0x5C):
            out += "\\" + chr(c)
        elif c == 0x0A:
            out += "\\n"
        elif c == 0x09:
            out += "\\t"
        elif c < 0x20 or c >= 0x7F:
            out += f"\\x{c:02x}"
        else:
            out += chr(c)
    return out + '"'


# --------------------------------------------------------------------------
# Tar, byte by byte.

def _b(s):
    return s if isinstance(s, bytes) else s.encode("utf-8", "surrogateescape")


def _octal(value, width):
    return (b"%0*o" % (width - 1, value)) + b"\0"


def header(name, size=0, typeflag=b"0", linkname=b"", mode=0o644, mtime=MTIME, prefix=b"", gnu=False,
           devmajor=0, devminor=0):
    """One 512-byte tar header. Fields too long for their slot are cut."""
    name, linkname, prefix = _b(name), _b(linkname), _b(prefix)
    h = bytearray(512)

    def put(at, width, value):
        value = value[:width]
        h[at:at + len(value)] = value

    put(0, 100, name)
    put(100, 8, _octal(mode, 8))
    put(108, 8, _octal(0, 8))
    put(116, 8, _octal(0, 8))
    if size < 8 ** 11:
        put(124, 12, _octal(size, 12))
    else:  # base-256, as GNU tar writes big sizes
        put(124, 12, b"\x80" + size.to_bytes(11, "big"))
    put(136, 12, _octal(mtime, 12))
    put(148, 8, b" " * 8)
    put(156, 1, typeflag)
    put(157, 100, linkname)
    if gnu:
        put(257, 8, b"ustar  \0")
    else:
        put(257, 6, b"ustar\0")
        put(263, 2, b"00")
    put(265, 32, b"root")
    put(297, 32, b"root")
    put(329, 8, _octal(devmajor, 8))
    put(337, 8, _octal(devminor, 8))
    if not gnu:
        put(345, 155, prefix)
    put(148, 8, b"%06o\0 " % sum(h))
    return bytes(h)


def pad(data):
    return data + b"\0" * (-len(data) % 512)


def entry(name, data=b"", **kw):
    data = _b(data)
    return header(name, size=len(data), **kw) + pad(data)


def file(name, data=b"", mode=0o644, **kw):
    return entry(name, data, mode=mode, **kw)


def folder(name, mode=0o755):
    return header(name, typeflag=b"5", mode=mode)


def symlink(name, target):
    return header(name, typeflag=b"2", linkname=target, mode=0o777)


def hardlink(name, target):
    return header(name, typeflag=b"1", linkname=target)


def device(name, typeflag):
    return header(name, typeflag=typeflag, devmajor=1, devminor=3)


def pax_records(records):
    out = b""
    for key, value in records:
        body = b" " + _b(key) + b"=" + _b(value) + b"\n"
        n = len(body) + 1
        while len(str(n)) + len(body) != n:  # the length counts its own digits
            n = len(str(n)) + len(body)
        out += str(n).encode() + body
    return out


def pax(records, name=b"PaxHeaders/x", typeflag=b"x"):
    return entry(name, pax_records(records), typeflag=typeflag)


def gnu_long_name(name):
    """A GNU ././@LongLink 'L' entry, then the caller's header (name cut)."""
    data = _b(name) + b"\0"
    return header(b"././@LongLink", size=len(data), typeflag=b"L", gnu=True, mode=0o644, mtime=0) + pad(data)


END = b"\0" * 1024


class Gzip:
    """A gzip member written piece by piece; zeros(n) repeats one precomputed
    deflate block, so that a 600 MiB bomb takes milliseconds to write."""
    _zero_block = None
    CHUNK = 1 << 20

    def __init__(self, level=9):
        self.out = [b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03"]
        self.c = zlib.compressobj(level, zlib.DEFLATED, -15)
        self.crc = 0
        self.size = 0

    def write(self, data):
        self.out.append(self.c.compress(data))
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        return self

    def zeros(self, n):
        if Gzip._zero_block is None:
            z = zlib.compressobj(9, zlib.DEFLATED, -15)
            Gzip._zero_block = z.compress(bytes(self.CHUNK)) + z.flush(zlib.Z_FULL_FLUSH)
            Gzip._zero_crc_chunk = bytes(self.CHUNK)
        self.out.append(self.c.flush(zlib.Z_FULL_FLUSH))
        whole, rest = divmod(n, self.CHUNK)
        self.out.append(Gzip._zero_block * whole)
        chunk = Gzip._zero_crc_chunk
        for _ in range(whole):
            self.crc = zlib.crc32(chunk, self.crc)
        self.size += whole * self.CHUNK
        if rest:
            self.write(bytes(rest))
        return self

    def finish(self):
        self.out.append(self.c.flush(zlib.Z_FINISH))
        self.out.append(struct.pack("<II", self.crc & 0xFFFFFFFF, self.size & 0xFFFFFFFF))
        return b"".join(self.out)


def gz(data):
    return Gzip().write(data).finish()


def sha256(data):
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------
# Listings.

def escape_path(path):
    out = ""
    for c in path:
        out += chr(c) if 0x21 <= c <= 0x7E and c != 0x5C else f"\\x{c:02x}"
    return out


def listing(root, with_mtime=False):
    root = os.fsencode(root)
    lines = []
    for dirpath, dirnames, filenames in os.walk(root):
        for n in sorted(dirnames + filenames):
            full = os.path.join(dirpath, n)
            rel = os.path.relpath(full, root)
            st = os.lstat(full)
            mode = "%04o" % stat.S_IMODE(st.st_mode)
            if stat.S_ISLNK(st.st_mode):
                lines.append((rel, f"l {escape_path(rel)} -> {escape_path(os.readlink(full))}"))
            elif stat.S_ISDIR(st.st_mode):
                lines.append((rel, f"d {mode} {escape_path(rel)}"))
            elif stat.S_ISREG(st.st_mode):
                with open(full, "rb") as f:
                    h = hashlib.sha256()
                    for block in iter(lambda: f.read(1 << 20), b""):
                        h.update(block)
                # .cargo-checksum.json is written at unpack time: its mtime says when.
                mt = "" if not with_mtime else "- " if n == b".cargo-checksum.json" else f"{int(st.st_mtime)} "
                lines.append((rel, f"f {mode} {mt}{h.hexdigest()} {escape_path(rel)}"))
            else:
                lines.append((rel, f"? {escape_path(rel)}"))
    return "".join(line + "\n" for _, line in sorted(lines))


def expected_listing(folders):
    """folders: {folder name: (package sha256, [(relative path, mode, bytes)], [extra dirs])}
    -> the listing `unpack` must leave (umask 022, checksums "full")."""
    lines = []
    for name, (package, files, dirs) in folders.items():
        lines.append((name, f"d 0755 {name}"))
        hashes = {}
        all_dirs = set(dirs)
        for rel, mode, data in files:
            hashes[rel] = sha256(data)
            parts = rel.split("/")
            for i in range(1, len(parts)):
                all_dirs.add("/".join(parts[:i]))
            lines.append((f"{name}/{rel}", f"f {mode & 0o755:04o} {sha256(data)} {name}/{rel}"))
        for d in all_dirs:
            lines.append((f"{name}/{d}", f"d 0755 {name}/{d}"))
        checksum = json.dumps({"files": dict(sorted(hashes.items())), "package": package},
                              separators=(",", ":")).encode()
        lines.append((f"{name}/.cargo-checksum.json", f"f 0644 {sha256(checksum)} {name}/.cargo-checksum.json"))
    return "".join(line + "\n" for _, line in sorted(lines, key=lambda x: os.fsencode(x[0])))


# --------------------------------------------------------------------------
# The cases.

TOML = b'[package]\nname = "evil"\nversion = "1.0.0"\n'
LIB = b"pub fn f() {}\n"
GOOD = file("evil-1.0.0/Cargo.toml", TOML)  # every crate starts like a real one


def good_crate(name="evil", version="1.0.0", extra=b""):
    top = f"{name}-{version}/"
    toml = f'[package]\nname = "{name}"\nversion = "{version}"\n'.encode()
    return gz(file(top + "Cargo.toml", toml) + file(top + "src/lib.rs", LIB) + extra + END)


class Case:
    def __init__(self, name, describe):
        self.name = name
        self.describe = describe
        self.crates = []  # (name, version, distfile, bytes, sha256 for the manifest)
        self.status = 2
        self.message = None  # the error after "DIST/distfile: "
        self.message_file = None
        self.stderr = None  # full text, when not the usual one-error form
        self.folders = {}   # expected vendor content (expected_listing's argument)


CASES = []


def case(name, describe, tar=None, data=None, message=None, status=2, crate=("evil", "1.0.0"),
         manifest_sha=None):
    c = Case(name, describe)
    if data is None:
        data = gz(GOOD + tar + END) if tar is not None else None
    cname, version = crate
    distfile = f"{cname}-{version}.crate"
    c.crates.append((cname, version, distfile, data, manifest_sha or sha256(data)))
    c.message = message
    c.message_file = distfile
    c.status = status
    CASES.append(c)
    return c


def refused(path, reason):
    return f"entry {quote(path)} {reason}"


def not_under(path, top="evil-1.0.0"):
    return refused(path, f'is not under "{top}/"')


def build_cases(root):
    out = lambda case_name: os.path.join(root, case_name, "outside")  # noqa: E731
    dd = '".." component'

    # ---- traversal and absolute paths
    p = "evil-1.0.0/../../../outside/pwned"
    case("dotdot_escape", "`..` climbing out of the crate and the vendor folder",
         file(p, b"pwned"), message=refused(p, f"has a {dd}"))
    p = "evil-1.0.0/src/../../../../outside/pwned"
    case("dotdot_below_top", "`..` after a real folder", file(p, b"pwned"), message=refused(p, f"has a {dd}"))
    p = "evil-1.0.0/../x"
    case("prefix_then_dotdot", "name-version/../x: under the top folder by prefix only",
         file(p, b"x"), message=refused(p, f"has a {dd}"))
    p = out("absolute_file") + "/pwned"
    case("absolute_file", "absolute path aimed at outside/", file(p, b"pwned"),
         message=refused(p, "has an absolute path"))
    p = out("absolute_folder") + "/made/"
    case("absolute_folder", "absolute folder entry aimed at outside/", folder(p),
         message=refused(p, "has an absolute path"))
    case("ustar_prefix_dotdot", "ustar prefix field `evil-1.0.0/..` + name `../outside/pwned`",
         file("../outside/pwned", b"pwned", prefix="evil-1.0.0/.."),
         message=refused("evil-1.0.0/../../outside/pwned", f"has a {dd}"))
    pre = out("ustar_prefix_absolute")
    case("ustar_prefix_absolute", "ustar prefix field holding an absolute folder",
         file("pwned", b"pwned", prefix=pre), message=refused(pre + "/pwned", "has an absolute path"))
    long = "evil-1.0.0/" + "a/" * 60 + "../" * 64 + "outside/pwned"
    case("gnu_longname_dotdot", "GNU ././@LongLink name with `..`",
         gnu_long_name(long) + header(long, size=5, gnu=True) + pad(b"pwned"),
         message=refused(long, f"has a {dd}"))
    p = "evil-1.0.0/../../outside/pwned"
    case("pax_path_dotdot", "pax `path` record renaming an innocent entry to climb out",
         pax([("path", p)]) + file("evil-1.0.0/innocent.rs", b"pwned"), message=refused(p, f"has a {dd}"))
    p = out("pax_path_absolute") + "/pwned"
    case("pax_path_absolute", "pax `path` record renaming an entry to an absolute path",
         pax([("path", p)]) + file("evil-1.0.0/innocent.rs", b"pwned"), message=refused(p, "has an absolute path"))
    case("pax_path_other_top", "pax `path` record moving an entry under another top folder",
         pax([("path", "other-1.0.0/src/lib.rs")]) + file("evil-1.0.0/src/lib.rs", LIB),
         message=not_under("other-1.0.0/src/lib.rs"))
    # cargo (tar-rs) yields a pax global header as an entry named
    # "pax_global_header" and refuses it as not under the top folder.
    case("pax_global_header", "pax global header (as `git archive` writes) with a `path` record",
         data=gz(pax([("path", "../../outside/pwned"), ("comment", "0" * 40)], name=b"pax_global_header",
                     typeflag=b"g") + GOOD + file("evil-1.0.0/src/lib.rs", LIB) + END),
         message=not_under("pax_global_header"))

    # ---- links and special files
    p = "evil-1.0.0/link"
    case("symlink_absolute", "symbolic link to an absolute folder outside", symlink(p, out("symlink_absolute")),
         message=refused(p, f"is a symbolic link {ONLY}"))
    case("symlink_relative", "symbolic link climbing out with ..", symlink(p, "../../../outside"),
         message=refused(p, f"is a symbolic link {ONLY}"))
    case("symlink_then_file", "symbolic link to outside/, then a file written through it",
         symlink("evil-1.0.0/src", "../../../outside") + file("evil-1.0.0/src/pwned", b"pwned"),
         message=refused("evil-1.0.0/src", f"is a symbolic link {ONLY}"))
    case("symlink_pax_linkpath", "symbolic link whose target comes from a pax `linkpath` record",
         pax([("linkpath", "/etc")]) + symlink(p, "innocent"), message=refused(p, f"is a symbolic link {ONLY}"))
    p = "evil-1.0.0/passwd"
    case("hardlink_absolute", "hard link to /etc/passwd", hardlink(p, "/etc/passwd"),
         message=refused(p, f"is a hard link {ONLY}"))
    case("hardlink_inside", "hard link to a file of the same crate",
         hardlink(p, "evil-1.0.0/Cargo.toml"), message=refused(p, f"is a hard link {ONLY}"))
    case("hardlink_then_write", "hard link to outside/target, then data written to its name",
         hardlink("evil-1.0.0/x", out("hardlink_then_write") + "/target") + file("evil-1.0.0/x", b"pwned"),
         message=refused("evil-1.0.0/x", f"is a hard link {ONLY}"))
    case("char_device", "character device (1,3)", device("evil-1.0.0/null", b"3"),
         message=refused("evil-1.0.0/null", f"is a character device {ONLY}"))
    case("block_device", "block device", device("evil-1.0.0/sda", b"4"),
         message=refused("evil-1.0.0/sda", f"is a block device {ONLY}"))
    case("fifo", "FIFO", header("evil-1.0.0/pipe", typeflag=b"6"),
         message=refused("evil-1.0.0/pipe", f"is a FIFO {ONLY}"))

    # ---- the top folder
    case("wrong_top", "entries under another crate's folder", file("other-1.0.0/src/lib.rs", LIB),
         message=not_under("other-1.0.0/src/lib.rs"))
    case("missing_top", "no top folder at all",
         data=gz(file("Cargo.toml", TOML) + file("src/lib.rs", LIB) + END), message=not_under("Cargo.toml"))
    case("prefix_trick_dot_suffix", "name-version.evil/: the top folder as a mere prefix",
         file("evil-1.0.0.evil/x", b"x"), message=not_under("evil-1.0.0.evil/x"))
    case("prefix_trick_no_slash", "name-versionevil: the top folder as a mere prefix",
         file("evil-1.0.0evil", b"x"), message=not_under("evil-1.0.0evil"))
    case("leading_dot_slash", "./name-version/ (cargo refuses it too)", file("./evil-1.0.0/src/lib.rs", LIB),
         message=not_under("./evil-1.0.0/src/lib.rs"))
    case("top_is_a_file", "a regular file in place of the top folder",
         data=gz(file("evil-1.0.0", b"x") + END), message=not_under("evil-1.0.0"))
    case("empty_name", "an entry with an empty name", file("", b"x"), message=refused("", "has an empty name"))
    # PROPOSED: an archive without NAME-VERSION/Cargo.toml is not a crate; today
    # a folder holding only .cargo-checksum.json is installed, which cargo skips,
    # and the build fails later with "no matching package".
    case("empty_archive", "a valid gzip'd tar with no entry at all", data=gz(END),
         message='is not a valid .crate: it holds no "evil-1.0.0/Cargo.toml"')

    # ---- duplicates and conflicts
    # PROPOSED: one entry per path. cargo 1.95 keeps the last of two (tar
    # semantics), which lets a reviewer's tool show one content and the build
    # use another.
    case("duplicate_entry", "the same file twice with different contents",
         file("evil-1.0.0/src/lib.rs", LIB) + file("evil-1.0.0/src/lib.rs", b"pwned"),
         message=refused("evil-1.0.0/src/lib.rs", 'is listed twice (as "src/lib.rs")'))
    case("duplicate_spelled_differently", "the same file twice, the second as evil-1.0.0//src/./lib.rs",
         file("evil-1.0.0/src/lib.rs", LIB) + file("evil-1.0.0//src/./lib.rs", b"pwned"),
         message=refused("evil-1.0.0//src/./lib.rs", 'is listed twice (as "src/lib.rs")'))
    case("file_then_folder", "a file, then entries below it as a folder",
         file("evil-1.0.0/src", b"x") + file("evil-1.0.0/src/lib.rs", LIB),
         message=refused("src/lib.rs", "needs a folder where an earlier entry wrote a file"))
    case("folder_then_file", "entries below a folder, then a file of its name",
         file("evil-1.0.0/src/lib.rs", LIB) + file("evil-1.0.0/src", b"x"),
         message=refused("src", "is a file where an earlier entry made a folder"))
    case("folder_entry_then_file", "a folder entry, then a file of its name",
         folder("evil-1.0.0/src/") + file("evil-1.0.0/src", b"x"),
         message=refused("src", "is a file where an earlier entry made a folder"))

    # ---- sizes
    # The size in these messages is the .crate's; filled in once it is known.
    bomb = Gzip().write(GOOD + header("evil-1.0.0/zeros", size=600 << 20)).zeros(600 << 20).write(END).finish()
    c = case("gzip_bomb_one_entry", "600 MiB of zeros in one entry (0.6 MB compressed)", data=bomb)
    c.message = limit_message(len(bomb))
    g = Gzip().write(GOOD)
    for i in range(6):
        g.write(header(f"evil-1.0.0/zeros{i}", size=100 << 20)).zeros(100 << 20)
    bomb = g.write(END).finish()
    c = case("gzip_bomb_many_entries", "six entries of 100 MiB of zeros: each fits, their sum does not", data=bomb)
    c.message = limit_message(len(bomb))
    # Sparse entries: libarchive hands over a map of data and holes, and the
    # holes are written as zeros, which the output limit (counted on the
    # decompressed archive) does not see: three entries of 200 MiB of holes,
    # 228 bytes of .crate, write 600 MiB; a thousand would fill a disk.
    # PROPOSED: refuse sparse entries as cargo 1.96 does (tar-rs reports them
    # as GNUSparse, neither a regular file nor a directory).
    sparse_refused = f"is a sparse file {ONLY}"
    sparse = sparse_header("evil-1.0.0/holes", real_size=64 << 30, offset=(64 << 30) - 512, numbytes=512)
    case("sparse_bomb", "GNU sparse entry claiming 64 GiB of holes", data=gz(GOOD + sparse + pad(b"x" * 512) + END),
         message=refused("evil-1.0.0/holes", sparse_refused))
    tar = GOOD
    for i in range(3):
        tar += sparse_header(f"evil-1.0.0/holes{i}", real_size=200 << 20, offset=(200 << 20) - 512, numbytes=512)
        tar += pad(b"x" * 512)
    case("sparse_bomb_many_entries", "three GNU sparse entries of 200 MiB of holes each: 600 MiB from 228 bytes",
         data=gz(tar + END), message=refused("evil-1.0.0/holes0", sparse_refused))
    case("sparse_pax", "a pax (GNU 0.1) sparse entry of 100 MiB of holes",
         pax([("GNU.sparse.size", str(100 << 20)), ("GNU.sparse.numblocks", "1"),
              ("GNU.sparse.map", f"{(100 << 20) - 512},512")]) + header("evil-1.0.0/holes", size=512) + pad(b"x" * 512),
         message=refused("evil-1.0.0/holes", sparse_refused))
    # 1000 empty files, then entries cargo vendor drops (.cargo-ok), which make
    # no inode: the cap must count every entry, and the test stays fast on disks
    # where creating a file costs half a millisecond (100001 files: a minute).
    g = Gzip().write(GOOD)
    for i in range(MAX_ENTRIES + 1):
        if i < 1000:
            g.write(header(f"evil-1.0.0/t/{i // 100}/{i % 100}"))
        else:
            g.write(header(f"evil-1.0.0/t/{i // 1000}/{i % 1000}/.cargo-ok"))
    data = g.write(END).finish()
    # PROPOSED: a cap on entries of any kind (cargo has none; see MAX_ENTRIES).
    case("many_tiny_entries", f"{MAX_ENTRIES + 1} tiny entries (plus Cargo.toml)", data=data,
         message=f"holds more than {MAX_ENTRIES} entries, more than any crate needs; refused")

    # ---- broken gzip
    whole = good_crate(extra=file("evil-1.0.0/src/big.rs", bytes(random.Random(1).getrandbits(8)
                                                                   for _ in range(20000))))
    case("truncated_gzip", "a crate's gzip stream cut at 60 %", data=whole[: len(whole) * 6 // 10],
         message="is not a valid .crate (gzip'd tar): truncated gzip input")
    tar = GOOD + file("evil-1.0.0/src/lib.rs", LIB * 200)
    case("truncated_tar", "a complete gzip member holding a tar cut in an entry's data",
         data=gz(tar[: len(tar) - 600]), message="is not a valid .crate (gzip'd tar): Truncated tar archive")
    case("plain_tar", "an uncompressed tar", data=GOOD + file("evil-1.0.0/src/lib.rs", LIB) + END,
         message="is not a valid .crate: it is not gzip-compressed")
    case("not_an_archive", "a text file", data=b"<html>rate limited</html>\n",
         message="is not a valid .crate (gzip'd tar): Unrecognized archive format")
    case("empty_file", "a file of 0 bytes", data=b"",
         message="is not a valid .crate (gzip'd tar): Unrecognized archive format")
    case("gzip_of_garbage", "gzip of random bytes", data=gz(random.Random(2).randbytes(4000)),
         message="is not a valid .crate (gzip'd tar): Unrecognized archive format")
    case("xz_compressed", "an xz stream (only gzip is read)",
         data=bytes.fromhex("fd377a585a000004e6d6b4460200210116000000742fe5a3") + bytes(64),
         message="is not a valid .crate (gzip'd tar): Unrecognized archive format")

    # ---- names
    p = b"evil-1.0.0/bad\xff.rs"
    case("name_not_utf8", "a name with a byte that is not UTF-8", file(p, LIB),
         message=refused(p, "has a name that is not valid UTF-8"))
    p = b"evil-1.0.0/over\xc0\xaflong.rs"
    case("name_overlong_utf8", "an overlong UTF-8 encoding of '/'", file(p, LIB),
         message=refused(p, "has a name that is not valid UTF-8"))
    # PROPOSED: cargo on Unix keeps a '\' as part of the name, then lists it in
    # .cargo-checksum.json with '/' ("src/../../../outside/pwned"), which cargo
    # later joins to the crate folder when it verifies: a read outside.
    p = "evil-1.0.0/src\\..\\..\\..\\outside\\pwned"
    case("backslash_traversal", "backslashes spelling a Windows `..` path", file(p, b"pwned"),
         message=refused(p, "has a backslash in its name"))
    p = "evil-1.0.0/src\\lib.rs"
    case("backslash_name", "a backslash inside a name", file(p, LIB), message=refused(p, "has a backslash in its name"))
    # PROPOSED: today it is kept, listed in the files map with the archive's
    # content, then overwritten by the generated file, so cargo's verification
    # fails on a file cargo-distfiles wrote ("the listed checksum ... has changed").
    p = "evil-1.0.0/.cargo-checksum.json"
    case("cargo_checksum_json_inside", "the crate brings its own .cargo-checksum.json",
         file(p, b'{"files":{},"package":null}'),
         message=refused(p, "is .cargo-checksum.json, which cargo-distfiles writes itself"))
    p = "evil-1.0.0/" + ("d" * 200 + "/") * 21 + "f.rs"
    # PROPOSED: ENAMETOOLONG is today an I/O failure (exit 3) after 20 folders
    # were made; a path the system cannot hold is bad input, refused up front.
    case("path_longer_than_path_max", f"a {len(p)}-byte path (GNU long name), PATH_MAX is 4096",
         gnu_long_name(p) + header(p, size=3, gnu=True) + pad(b"x\n\n"),
         message=refused(p, "is longer than 4095 bytes (PATH_MAX)"))
    p = "evil-1.0.0/" + "n" * 300 + ".rs"
    case("component_longer_than_name_max", "a 303-byte file name (pax path), NAME_MAX is 255",
         pax([("path", p)]) + file("evil-1.0.0/short.rs", LIB),
         message=refused(p, "has a component longer than 255 bytes (NAME_MAX)"))

    # ---- the wrong crate's bytes
    other = good_crate("other", "2.0.0")
    genuine = good_crate()
    case("other_crate_right_sha", "evil-1.0.0.crate holds other-2.0.0 (manifest sha256 = the file's)",
         data=other, message=not_under("other-2.0.0/Cargo.toml"))
    c = case("other_crate_wrong_sha", "evil-1.0.0.crate holds other-2.0.0 (manifest sha256 = the genuine evil's)",
             data=other, manifest_sha=sha256(genuine), status=1)
    c.message = (f"sha256 mismatch for crate evil 1.0.0: expected {sha256(genuine)}, actual {sha256(other)} "
                 f"(unpacking it failed too: {not_under('other-2.0.0/Cargo.toml')})")
    case("older_version_bytes", "evil-1.0.0.crate holds evil-0.9.0", data=good_crate("evil", "0.9.0"),
         message=not_under("evil-0.9.0/Cargo.toml"))
    c = case("bad_next_to_good", "a good crate and a symlink crate in one manifest",
             symlink("evil-1.0.0/link", "/"), message=refused("evil-1.0.0/link", f"is a symbolic link {ONLY}"))
    good = good_crate("good", "1.0.0")
    c.crates.append(("good", "1.0.0", "good-1.0.0.crate", good, sha256(good)))
    c.folders = {"good-1.0.0": (sha256(good), [("Cargo.toml", 0o644, b'[package]\nname = "good"\nversion = "1.0.0"\n'),
                                               ("src/lib.rs", 0o644, LIB)], [])}

    # ---- ACCEPTED: what cargo (vendor) merely skips or ignores, as cargo does.
    data = gz(GOOD + file("evil-1.0.0/src/lib.rs", LIB) + file("evil-1.0.0/.cargo-ok", b"ok") +
              file("evil-1.0.0/sub/.cargo-ok", b"ok") + file("evil-1.0.0/.gitignore", b"*") +
              file("evil-1.0.0/sub/.gitattributes", b"*") + folder("evil-1.0.0/.git/") +
              file("evil-1.0.0/.git/config", b"[core]") + file("evil-1.0.0/sub/x/.git", b"gitdir: /") + END)
    c = case("accepted_vcs_and_cargo_ok_dropped", ".cargo-ok, .git/, .gitignore, .gitattributes: left out as by "
             "cargo vendor", data=data, status=0)
    c.folders = {"evil-1.0.0": (sha256(data), [("Cargo.toml", 0o644, TOML), ("src/lib.rs", 0o644, LIB)], [])}
    data = gz(GOOD + file("evil-1.0.0/run.sh", b"#!/bin/sh\n", mode=0o4755) +
              file("evil-1.0.0/grp.sh", b"#!/bin/sh\n", mode=0o2775) + folder("evil-1.0.0/tmp/", mode=0o1777) +
              folder("evil-1.0.0/ro/", mode=0o555) + file("evil-1.0.0/ro/a.rs", LIB) + END)
    c = case("accepted_setuid_stripped", "setuid, setgid and sticky bits dropped; a 0555 folder stays deletable",
             data=data, status=0)
    c.folders = {"evil-1.0.0": (sha256(data), [("Cargo.toml", 0o644, TOML), ("run.sh", 0o755, b"#!/bin/sh\n"),
                                               ("grp.sh", 0o755, b"#!/bin/sh\n"), ("ro/a.rs", 0o644, LIB)], ["tmp"])}
    # cargo reads the first gzip member only: bytes after it are hashed (they are
    # part of the distfile) and otherwise ignored.
    data = genuine + random.Random(3).randbytes(4096)
    c = case("accepted_trailing_garbage", "4 KiB of random bytes after the gzip member (ignored, as by cargo)",
             data=data, status=0)
    c.folders = {"evil-1.0.0": (sha256(data), [("Cargo.toml", 0o644, TOML), ("src/lib.rs", 0o644, LIB)], [])}
    # cargo does not check the gzip CRC-32 either: tar stops reading at its end
    # marker, before the trailer; the sha256 of the whole file is the check.
    data = bytearray(genuine)
    data[-8] ^= 0xFF
    data = bytes(data)
    c = case("accepted_bad_gzip_crc", "a wrong CRC-32 in the gzip trailer (not read, as by cargo)", data=data,
             status=0)
    c.folders = {"evil-1.0.0": (sha256(data), [("Cargo.toml", 0o644, TOML), ("src/lib.rs", 0o644, LIB)], [])}
    # A second member continuing the tar (the first has no end marker): cargo
    # never sees hidden.rs; extracting it would put code in the build that no
    # cargo-based review of the crate shows.
    data = gz(GOOD + file("evil-1.0.0/src/lib.rs", LIB)) + gz(file("evil-1.0.0/src/hidden.rs", b"pwned") + END)
    c = case("second_gzip_member_ignored", "a second gzip member continuing the tar: cargo reads only the first",
             data=data, status=0)
    c.folders = {"evil-1.0.0": (sha256(data), [("Cargo.toml", 0o644, TOML), ("src/lib.rs", 0o644, LIB)], [])}
    data = genuine + gz(file("evil-1.0.0/src/hidden.rs", b"pwned") + END)
    c = case("second_gzip_member_after_end", "a second gzip member after a complete tar",
             data=data, status=0)
    c.folders = {"evil-1.0.0": (sha256(data), [("Cargo.toml", 0o644, TOML), ("src/lib.rs", 0o644, LIB)], [])}


def limit_message(size):
    limit = max(LIMIT, 20 * size)
    return (f"unpacks to more than {limit} bytes, the most an archive of {size} bytes may produce "
            f"(max(512 MiB, 20 x its size)); output stopped")


def sparse_header(name, real_size, offset, numbytes):
    """An old-GNU sparse ('S') header: one data block of `numbytes` at `offset`."""
    h = bytearray(header(name, size=numbytes, typeflag=b"S", gnu=True))
    h[148:156] = b" " * 8

    def num(v):
        return (b"%011o" % v) + b"\0" if v < 8 ** 11 else b"\x80" + v.to_bytes(11, "big")

    h[386:398] = num(offset)
    h[398:410] = num(numbytes)
    h[482] = 0  # isextended
    h[483:495] = num(real_size)
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)


def write_cases(root):
    root = os.path.abspath(root)
    build_cases(root)
    names = []
    for c in CASES:
        d = os.path.join(root, c.name)
        os.makedirs(os.path.join(d, "dist"), exist_ok=True)
        os.makedirs(os.path.join(d, "outside"), exist_ok=True)
        if c.name == "hardlink_then_write":
            with open(os.path.join(d, "outside", "target"), "wb") as f:
                f.write(b"untouched\n")
        lines = []
        for name, version, distfile, data, sha in sorted(c.crates):
            with open(os.path.join(d, "dist", distfile), "wb") as f:
                f.write(data)
            lines.append(f"crate {name} {version} {CRATES_IO} {distfile} {sha}\n")
        with open(os.path.join(d, "manifest"), "w") as f:
            f.write("cargo-distfiles-manifest 1\n" + "".join(lines))
        with open(os.path.join(d, "expect.status"), "w") as f:
            f.write(f"{c.status}\n")
        stderr = "" if c.status == 0 else \
            f"cargo-distfiles: error: {os.path.join(d, 'dist', c.message_file)}: {c.message}\n"
        with open(os.path.join(d, "expect.stderr"), "w") as f:
            f.write(stderr)
        with open(os.path.join(d, "expect.listing"), "w") as f:
            f.write(expected_listing(c.folders))
        with open(os.path.join(d, "describe"), "w") as f:
            f.write(c.describe + "\n")
        names.append(c.name)
    with open(os.path.join(root, "cases.list"), "w") as f:
        f.write("".join(n + "\n" for n in names))
    print(f"{len(names)} cases ({sum(1 for c in CASES if c.status != 0)} refused, "
          f"{sum(1 for c in CASES if c.status == 0)} accepted) in {root}")


# --------------------------------------------------------------------------
# Many ordinary crates, for the kill test.

def write_many(root, count, seed):
    rng = random.Random(seed)
    os.makedirs(os.path.join(root, "dist"), exist_ok=True)
    words = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz_ ") for _ in range(rng.randint(2, 9))) for _ in range(500)]
    lines = []
    total = 0
    for i in range(count):
        name = f"crate{i:04d}"
        version = f"{rng.randint(0, 3)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
        top = f"{name}-{version}/"
        tar = file(top + "Cargo.toml", f'[package]\nname = "{name}"\nversion = "{version}"\n'.encode())
        for j in range(rng.randint(5, 60)):
            size = int(rng.expovariate(1 / 12000))
            body = b" ".join(rng.choice(words) for _ in range(size // 6 + 1))[:size]
            mode = 0o755 if rng.random() < 0.05 else 0o644
            tar += file(f"{top}src/m{j // 10}/f{j}.rs", body, mode=mode, mtime=MTIME + rng.randint(0, 10 ** 6))
        data = Gzip(level=1).write(tar + END).finish()
        total += len(tar)
        distfile = f"{name}-{version}.crate"
        with open(os.path.join(root, "dist", distfile), "wb") as f:
            f.write(data)
        lines.append(f"crate {name} {version} {CRATES_IO} {distfile} {sha256(data)}\n")
    with open(os.path.join(root, "manifest"), "w") as f:
        f.write("cargo-distfiles-manifest 1\n" + "".join(sorted(lines)))
    print(f"{count} crates, {total >> 20} MiB of tar, in {root}")


def main(argv):
    if len(argv) >= 3 and argv[1] == "cases":
        write_cases(argv[2])
    elif len(argv) >= 3 and argv[1] == "listing":
        sys.stdout.write(listing(argv[2], "--mtime" in argv[3:]))
    elif len(argv) == 5 and argv[1] == "many":
        write_many(argv[2], int(argv[3]), int(argv[4]))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
