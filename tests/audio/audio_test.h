/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared checks of the framework tests: leak baselines and region figures. */
#ifndef TESTS_AUDIO_AUDIO_TEST_H
#define TESTS_AUDIO_AUDIO_TEST_H

#include <vregion/alloc_ctx.h>
#include <vregion/sysheap.h>
#include <vregion/vregion.h>

/* What must come back after a teardown: regions, contexts, system-heap blocks. */
struct baseline {
	size_t regions;
	size_t ctxs;
	size_t sys_blocks;
	size_t sys_invalid_frees;
	size_t sys_corruptions;
};

static inline struct baseline baseline_take(void)
{
	struct baseline b;
	struct vheap_stats st;
	assert_int_equal(sys_heap_stats(&st), 0);
	b.regions = vregion_live_count();
	b.ctxs = sof_ctx_live_count();
	b.sys_blocks = st.live_blocks;
	b.sys_invalid_frees = st.invalid_frees;
	b.sys_corruptions = st.corruptions;
	return b;
}

/* Everything back: no region reference, no context, no block; no bad free (M3/M4). */
static inline void baseline_check(const struct baseline *b)
{
	struct baseline now = baseline_take();
	assert_int_equal(now.regions, b->regions);
	assert_int_equal(now.ctxs, b->ctxs);
	assert_int_equal(now.sys_blocks, b->sys_blocks);
	assert_int_equal(now.sys_invalid_frees, b->sys_invalid_frees);
	assert_int_equal(now.sys_corruptions, b->sys_corruptions);
}

static inline struct vregion_stats region_stats(struct vregion *vr)
{
	struct vregion_stats st;
	assert_int_equal(vregion_stats(vr, &st), 0);
	return st;
}

#endif
