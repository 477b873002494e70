/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Allocation contexts: the routing matrix (no context / heap-only / region,
 * each with and without COHERENT), free symmetry, and SOF defect M1 - memory
 * freed through a region context must go back to where it came from.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <vregion/alloc_ctx.h>
#include <vregion/sysheap.h>

static size_t sys_blocks(void)
{
	struct vheap_stats st;
	assert_int_equal(sys_heap_stats(&st), 0);
	return st.live_blocks;
}

static struct vregion_stats rstats(const struct vregion *vr)
{
	struct vregion_stats st;
	assert_int_equal(vregion_stats(vr, &st), 0);
	return st;
}

static _Alignas(16) unsigned char private_span[4096];

static void route_and_free(struct mod_alloc_ctx *ctx, uint32_t flags)
{
	size_t sys_before = sys_blocks();
	unsigned char *p = sof_ctx_alloc(ctx, flags, 100, 0);
	assert_non_null(p);
	if (flags & SOF_MEM_FLAG_COHERENT)
		assert_int_equal((uintptr_t)p % VREGION_CACHE_LINE, 0);
	memset(p, 0x5a, 100);
	bool in_region = ctx && ctx->vreg && vregion_contains(ctx->vreg, p);
	bool in_heap = ctx && ctx->heap && vheap_contains(ctx->heap, p);
	bool in_sys = sys_heap_contains(p);
	assert_int_equal(in_region, ctx && ctx->vreg);
	assert_int_equal(in_heap, ctx && !ctx->vreg && ctx->heap);
	assert_int_equal(in_sys, !ctx || (!ctx->vreg && !ctx->heap));
	assert_int_equal(sof_ctx_free(ctx, p), 0);
	assert_int_equal(sys_blocks(), sys_before);
}

static void test_routing_matrix(void **state)
{
	(void)state;
	struct vheap heap;
	assert_int_equal(vheap_init(&heap, private_span, sizeof(private_span)), 0);
	struct vregion *vr = vregion_create(VREGION_PAGE_SIZE);
	vregion_set_interim(vr);
	struct mod_alloc_ctx heap_only = {&heap, NULL};
	struct mod_alloc_ctx sys_only = {NULL, NULL};
	struct mod_alloc_ctx region = {&heap, vr};
	for (uint32_t f = 0; f <= SOF_MEM_FLAG_COHERENT; f += SOF_MEM_FLAG_COHERENT) {
		route_and_free(NULL, f);
		route_and_free(&sys_only, f);
		route_and_free(&heap_only, f);
		route_and_free(&region, f);
	}
	struct vheap_stats hs;
	vheap_stats(&heap, &hs);
	assert_int_equal(hs.live_blocks, 0);
	assert_int_equal(rstats(vr).interim_live_blocks, 0);
	assert_null(vregion_put(vr));
}

/* M1: a buffer from the system heap freed through a region context. */
static void test_m1_free_goes_home(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(VREGION_PAGE_SIZE);
	struct mod_alloc_ctx region = {NULL, vr};
	size_t before = sys_blocks();
	void *buf = sof_ctx_alloc(NULL, 0, 512, 0);
	assert_int_equal(sys_blocks(), before + 1);
	assert_int_equal(sof_ctx_free(&region, buf), 0);
	assert_int_equal(sys_blocks(), before);
	assert_int_equal(rstats(vr).invalid_frees, 0);
	/* and a region block freed through a context without the region: refused */
	void *r = sof_ctx_alloc(&region, 0, 64, 0);
	assert_int_equal(sof_ctx_free(NULL, r), -EINVAL);
	assert_int_equal(sof_ctx_free(&region, r), 0);
	assert_int_equal(sof_ctx_free(&region, NULL), 0);
	assert_null(vregion_put(vr));
}

static void test_zalloc_zeroes(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(VREGION_PAGE_SIZE);
	struct mod_alloc_ctx region = {NULL, vr};
	unsigned char *p = sof_ctx_alloc(&region, 0, 256, 0);
	memset(p, 0xff, 256);
	assert_int_equal(sof_ctx_free(&region, p), 0); /* newest lifetime block: given back */
	unsigned char *z = sof_ctx_zalloc(&region, 0, 256, 0);
	assert_ptr_equal(z, p);
	for (int i = 0; i < 256; i++)
		assert_int_equal(z[i], 0);
	unsigned char *s = sof_ctx_zalloc(NULL, SOF_MEM_FLAG_COHERENT, 70, 0);
	for (int i = 0; i < 70; i++)
		assert_int_equal(s[i], 0);
	assert_int_equal(sof_ctx_free(NULL, s), 0);
	assert_null(sof_ctx_alloc(NULL, 0, 0, 0));
	assert_null(sof_ctx_alloc(NULL, 0, 16, 3));
	assert_null(sof_ctx_alloc(NULL, SOF_MEM_FLAG_COHERENT, SIZE_MAX - 4, 0));
	assert_null(vregion_put(vr));
}

static void test_ctx_objects(void **state)
{
	(void)state;
	size_t live = sof_ctx_live_count();
	struct vregion *vr = vregion_create(VREGION_PAGE_SIZE);
	struct mod_alloc_ctx *ctx = sof_ctx_new(NULL, vr);
	assert_non_null(ctx);
	assert_int_equal(sof_ctx_live_count(), live + 1);
	assert_false(vregion_contains(vr, ctx)); /* the context lives outside the region */
	vregion_get(vr);
	assert_ptr_equal(sof_ctx_delete(ctx), vr); /* the other reference survives */
	assert_int_equal(sof_ctx_live_count(), live);
	assert_null(vregion_put(vr));
	assert_null(sof_ctx_delete(NULL));
	struct mod_alloc_ctx *plain = sof_ctx_new(NULL, NULL);
	assert_null(sof_ctx_delete(plain));
	assert_int_equal(sof_ctx_live_count(), live);
}

static void test_sysheap_basics(void **state)
{
	(void)state;
	static unsigned char foreign[32];
	size_t before = sys_blocks();
	void *p = sys_heap_alloc(1000, 256);
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % 256, 0);
	assert_true(sys_heap_contains(p));
	assert_int_equal(sys_heap_validate(), 0);
	assert_int_equal(sys_heap_free(foreign), -EINVAL);
	assert_int_equal(sys_heap_free(p), 0);
	assert_int_equal(sys_heap_free(p), -EINVAL);
	assert_int_equal(sys_heap_free(NULL), 0);
	assert_null(sys_heap_alloc(0, 0));
	assert_null(sys_heap_alloc(16, 5));
	assert_int_equal(sys_blocks(), before);
	assert_int_equal(sys_heap_stats(NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routing_matrix),
		cmocka_unit_test(test_m1_free_goes_home),
		cmocka_unit_test(test_zalloc_zeroes),
		cmocka_unit_test(test_ctx_objects),
		cmocka_unit_test(test_sysheap_basics),
	};
	return cmocka_run_group_tests_name("alloc_ctx", tests, NULL, NULL);
}
