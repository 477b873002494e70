/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RAM the core spends on metadata, measured on the target (32-bit) by
 * scripts/size-report.sh: the system-heap bytes (headers included) that a
 * region, its interim heap and an allocation context cost, the page map's
 * share of a pool, and the smallest span a heap starts in. Prints
 * "key value" lines over semihosting; exits non-zero if a step fails.
 * Runs on QEMU mps2-an385/an386 with tests/target's start-up code.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <vregion/alloc_ctx.h>
#include <vregion/platform.h>
#include <vregion/sysheap.h>
#include <vregion/vheap.h>
#include <vregion/vpage.h>
#include <vregion/vregion.h>

#include "semihost.h"

int main(void);

static int failures;

static void report(const char *key, long value)
{
	printf("%s %ld\n", key, value);
}

static size_t sysheap_used(void)
{
	struct vheap_stats st;
	if (sys_heap_stats(&st) != 0) {
		printf("error sys_heap_stats\n");
		failures++;
		return 0;
	}
	return st.used;
}

static void region_costs(void)
{
	/* Warm the system heap up so its own set-up is not counted. */
	void *warm = sys_heap_alloc(8, 0);
	sys_heap_free(warm);
	size_t before = sysheap_used();
	struct vregion *vr = vregion_create(4 * VREGION_PAGE_SIZE);
	if (!vr) {
		printf("error vregion_create\n");
		failures++;
		return;
	}
	size_t created = sysheap_used();
	report("region_meta_bytes", (long)(created - before));
	vregion_set_interim(vr);
	report("region_interim_extra_bytes", (long)(sysheap_used() - created));
	struct vregion_stats st;
	vregion_stats(vr, &st);
	report("region_size", (long)st.size);
	report("region_interim_size", (long)st.interim_size);
	report("region_interim_used_empty", (long)st.interim_used);

	size_t c0 = sysheap_used();
	struct mod_alloc_ctx *ctx = sof_ctx_new(NULL, vregion_get(vr));
	report("ctx_meta_bytes", (long)(sysheap_used() - c0));
	report("sizeof_mod_alloc_ctx", (long)sizeof(struct mod_alloc_ctx));
	vregion_put(sof_ctx_delete(ctx));
	vregion_put(vr);
	report("region_leak_after_put", (long)(sysheap_used() - before));

	size_t s0 = sysheap_used();
	void *one = sys_heap_alloc(1, 0);
	report("sysheap_bytes_for_1_byte_alloc", (long)(sysheap_used() - s0));
	sys_heap_free(one);
}

/* The smallest span (8-aligned start) vheap_init() accepts, and the smallest
 * in which a 1-byte allocation then succeeds. */
static void heap_min_span(void)
{
	static _Alignas(16) unsigned char span[512];
	static struct vheap h;
	long init_min = -1, alloc_min = -1;
	for (size_t bytes = 4; bytes <= sizeof(span) && alloc_min < 0; bytes += 4) {
		if (vheap_init(&h, span + 8, bytes) != 0)
			continue;
		if (init_min < 0)
			init_min = (long)bytes;
		if (vheap_alloc(&h, 1))
			alloc_min = (long)bytes;
	}
	report("vheap_min_span", init_min);
	report("vheap_min_span_for_1_byte_alloc", alloc_min);
	report("VHEAP_MIN_SPAN", (long)VHEAP_MIN_SPAN);
	report("sizeof_struct_vheap", (long)sizeof(struct vheap));
	/* What a heap's control block really takes (vheap_init_sized()). */
	report("vheap_control_bytes_4k_span", (long)vheap_control_size(4096));
	report("vheap_control_bytes_16k_span", (long)vheap_control_size(16384));
	report("vheap_control_bytes_1m_span", (long)vheap_control_size(1u << 20));
	if (init_min < 0 || alloc_min < 0)
		failures++;
}

static void page_map_cost(void)
{
	static _Alignas(4096) unsigned char span[65 * VREGION_PAGE_SIZE];
	struct vpage_stats st;
	if (vpage_pool_init(span, sizeof(span)) != 0 || vpage_stats(&st) != 0) {
		printf("error vpage_pool_init\n");
		failures++;
		return;
	}
	report("pool_span_pages", 65);
	report("pool_usable_pages", (long)st.total_pages);
	report("sizeof_vr_lock_t", (long)sizeof(vr_lock_t));
}

int main(void)
{
	region_costs();
	heap_min_span();
	page_map_cost();
	return failures;
}
