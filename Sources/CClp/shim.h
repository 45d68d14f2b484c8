// COIN-OR Clp's C interface (apt: coinor-libclp-dev; pkg-config "clp" adds -I/usr/include/coin).
#ifndef YRDPLAN_CCLP_SHIM_H
#define YRDPLAN_CCLP_SHIM_H
#include <Clp_C_Interface.h>
#endif
