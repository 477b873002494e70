/* Helpers shared by the topology parser, validator and writer (internal). */
#ifndef VREGION_TOOL_TOPOLOGY_UTIL_H
#define VREGION_TOOL_TOPOLOGY_UTIL_H

#include "topology.h"

/* Write "FILE:LINE: message" (or "FILE: message" when line is 0) into err;
 * returns -EINVAL so callers can `return topo_err(...)`. */
int topo_err(char *err, size_t errlen, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* SRC rates the SRC module converts between (issue 7's matrix). */
bool topo_src_rate_ok(unsigned rate);

#endif
