/* The topology `vregion convert` builds: host copier -> SRC -> DAI copier. */
#ifndef VREGION_TOOL_CONVERT_TOPOLOGY_H
#define VREGION_TOOL_CONVERT_TOPOLOGY_H

#include <stddef.h>

#include "topology.h"

/*
 * Fill @p t with one pipeline (id 1) converting @p rate_in to @p rate_out
 * with @p channels channels: an input endpoint of format @p in_fmt on a host
 * copier, an LL SRC, an output endpoint of format @p out_fmt on a DAI
 * copier. The pipeline's heap is left to the derivation rule. @p name is
 * used in messages. Returns 0 or -EINVAL (unsupported rate, channels) with
 * err set.
 */
int convert_topology(struct topology *t, const char *name, unsigned rate_in, unsigned rate_out,
		     unsigned channels, enum topo_format in_fmt, enum topo_format out_fmt,
		     char *err, size_t errlen);

#endif
