#ifndef RPA_CZBAR_SHIM_H
#define RPA_CZBAR_SHIM_H
// ZBar (Debian: libzbar-dev): decodes the QR codes online application systems print on forms.
#include <zbar.h>
#endif
