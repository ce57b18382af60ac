// The one translation unit that compiles toml++'s implementation (the
// library is used without its shared object: nothing extra to load at start).
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
