/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What "nothing leaked, nothing left referenced" means in the hardening
 * tests: the live regions, allocation contexts and system-heap blocks and
 * bytes, taken as a snapshot and compared, and a valid system heap.
 */
#ifndef VREGION_HARD_UTIL_H
#define VREGION_HARD_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <vregion/alloc_ctx.h>
#include <vregion/sysheap.h>
#include <vregion/vregion.h>

struct hard_snap {
	size_t regions, contexts, blocks, used;
};

static inline void hard_snap_take(struct hard_snap *s)
{
	struct vheap_stats st = { 0 };

	(void)sys_heap_stats(&st);
	s->regions = vregion_live_count();
	s->contexts = sof_ctx_live_count();
	s->blocks = st.live_blocks;
	s->used = st.used;
}

/* True when now equals @p s and the system heap validates; else prints why. */
static inline bool hard_snap_same(const struct hard_snap *s, const char *where)
{
	struct hard_snap now;
	bool ok;

	hard_snap_take(&now);
	ok = now.regions == s->regions && now.contexts == s->contexts && now.blocks == s->blocks &&
	     now.used == s->used;
	if (!ok)
		fprintf(stderr, "%s: regions %zu/%zu contexts %zu/%zu heap blocks %zu/%zu bytes %zu/%zu\n",
			where, now.regions, s->regions, now.contexts, s->contexts, now.blocks, s->blocks,
			now.used, s->used);
	if (sys_heap_validate() != 0) {
		fprintf(stderr, "%s: system heap invalid\n", where);
		ok = false;
	}
	return ok;
}

#endif
