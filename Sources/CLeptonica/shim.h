#ifndef RPA_CLEPTONICA_SHIM_H
#define RPA_CLEPTONICA_SHIM_H
#include <leptonica/allheaders.h>
#endif
