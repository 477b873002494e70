/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The module resource API (spec 6, 11.7 item 4) on every kind of context -
 * system heap, a region in lifetime mode, a region in interim mode - with
 * the regressions M1 (buffer memory freed to its heap), M8 (usage charged
 * by granule) and M9 (a refused request takes no container).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <vregion/audio/data_blob.h>
#include <vregion/audio/fast_get.h>
#include <vregion/audio/module.h>
#include <vregion/fault.h>
#include <vregion/sysheap.h>
#include <vregion/vregion.h>

struct fixture {
	struct processing_module mod;
	struct audio_ctx *ctx;
	struct fast_get_cache *fg;
	size_t sys_base;
	size_t ctx_base;
	size_t region_base;
};

static size_t sys_live(void)
{
	struct vheap_stats st;
	assert_int_equal(sys_heap_stats(&st), 0);
	return st.live_blocks;
}

static struct vregion_stats rstats(struct fixture *f)
{
	struct vregion_stats st;
	assert_int_equal(vregion_stats(audio_ctx_region(f->ctx), &st), 0);
	return st;
}

static int setup_ctx(void **state, size_t heap_bytes, bool interim)
{
	static struct fixture f;
	memset(&f, 0, sizeof(f));
	f.sys_base = sys_live();
	f.ctx_base = sof_ctx_live_count();
	f.region_base = vregion_live_count();
	f.fg = fast_get_cache_new();
	f.ctx = audio_ctx_create_sized(heap_bytes, NULL);
	if (!f.ctx || !f.fg)
		return -1;
	if (interim)
		vregion_set_interim(audio_ctx_region(f.ctx));
	strcpy(f.mod.name, "test-0");
	if (mod_resource_init(&f.mod, f.ctx, f.fg))
		return -1;
	*state = &f;
	return 0;
}

static int setup_sys(void **state) { return setup_ctx(state, 0, false); }
static int setup_lifetime(void **state) { return setup_ctx(state, 32768, false); }
static int setup_interim(void **state) { return setup_ctx(state, 32768, true); }

static int teardown(void **state)
{
	struct fixture *f = *state;
	mod_resource_destroy(&f->mod);
	audio_ctx_release(f->ctx);
	int leaked = fast_get_cache_delete(f->fg);
	if (leaked || sys_live() != f->sys_base || sof_ctx_live_count() != f->ctx_base ||
	    vregion_live_count() != f->region_base)
		return -1;
	return 0;
}

static void test_alloc_free(void **state)
{
	struct fixture *f = *state;
	unsigned char *p = mod_alloc(&f->mod, 100);
	unsigned char *z = mod_zalloc(&f->mod, 300);
	unsigned char *a = mod_alloc_align(&f->mod, 64, 256);
	assert_non_null(p);
	assert_non_null(z);
	assert_non_null(a);
	assert_int_equal((uintptr_t)a % 256, 0);
	for (int i = 0; i < 300; i++)
		assert_int_equal(z[i], 0);
	memset(p, 0xa5, 100);
	assert_int_equal(mod_resource_count(&f->mod), 3);
	struct vregion *vr = audio_ctx_region(f->ctx);
	if (vr) {
		assert_true(vregion_contains(vr, p));
		assert_true(vregion_contains(vr, a));
	} else {
		assert_true(sys_heap_contains(p));
	}
	assert_int_equal(mod_free(&f->mod, z), 0);
	assert_int_equal(mod_free(&f->mod, z), -ENOENT); /* already released */
	assert_int_equal(mod_free(&f->mod, p), 0);
	assert_int_equal(mod_free(&f->mod, a), 0);
	assert_int_equal(mod_resource_count(&f->mod), 0);
	assert_int_equal(mod_free(&f->mod, NULL), 0);
	assert_int_equal(mod_free(NULL, p), -EINVAL);
}

/* 11.7.4: alloc(0) -> NULL and no container; M9: no container block grows. */
static void test_m9_alloc_zero_takes_no_container(void **state)
{
	struct fixture *f = *state;
	size_t blocks = objpool_blocks(&f->mod.res.objpool);
	assert_null(mod_alloc(&f->mod, 0));
	assert_null(mod_balloc(&f->mod, 0));
	assert_null(mod_alloc_align(&f->mod, 16, 3)); /* bad alignment */
	assert_int_equal(objpool_blocks(&f->mod.res.objpool), blocks);
	assert_int_equal(mod_resource_count(&f->mod), 0);
	if (audio_ctx_region(f->ctx))
		assert_int_equal(rstats(f).lifetime_used, 0);
}

/* M9: exhaustion of the backend leaves no container and no pool growth. */
static void test_m9_exhaustion_keeps_nothing(void **state)
{
	struct fixture *f = *state;
	size_t blocks = objpool_blocks(&f->mod.res.objpool);
	assert_null(mod_alloc(&f->mod, (size_t)1 << 40));
	assert_int_equal(objpool_blocks(&f->mod.res.objpool), blocks);
	assert_int_equal(mod_resource_count(&f->mod), 0);
	/* Container growth failing after the memory was taken gives the memory back. */
	struct vregion *vr = audio_ctx_region(f->ctx);
	size_t used = vr ? rstats(f).lifetime_used : 0;
	size_t sys = sys_live();
	vr_fault_arm(VR_FAULT_MASK(VR_FAULT_OBJPOOL), 1);
	assert_null(mod_alloc(&f->mod, 200));
	vr_fault_arm(0, 0);
	assert_int_equal(mod_resource_count(&f->mod), 0);
	if (vr && rstats(f).mode == VREGION_MEM_TYPE_LIFETIME)
		assert_int_equal(rstats(f).lifetime_used, used);
	if (vr && rstats(f).mode == VREGION_MEM_TYPE_INTERIM)
		assert_int_equal(rstats(f).interim_live_blocks, 0);
	if (!vr)
		assert_int_equal(sys_live(), sys);
}

static void test_free_unowned_is_enoent_and_touches_nothing(void **state)
{
	struct fixture *f = *state;
	int on_stack;
	void *p = mod_alloc(&f->mod, 40);
	assert_non_null(p);
	void *foreign = sys_heap_alloc(40, 0);
	assert_non_null(foreign);
	size_t usage;
	assert_int_equal(mod_heap_usage(&f->mod, &usage, NULL), 0);
	assert_int_equal(mod_free(&f->mod, &on_stack), -ENOENT);
	assert_int_equal(mod_free(&f->mod, foreign), -ENOENT);
	assert_int_equal(mod_free(&f->mod, (unsigned char *)p + 1), -ENOENT);
	size_t after;
	assert_int_equal(mod_heap_usage(&f->mod, &after, NULL), 0);
	assert_int_equal(after, usage);
	assert_int_equal(mod_resource_count(&f->mod), 1);
	assert_int_equal(sys_heap_free(foreign), 0); /* still ours to free */
	assert_int_equal(mod_free(&f->mod, p), 0);
}

static const int table[64] = { 1, 2, 3, 4, 5 };

static void test_free_all_releases_every_kind(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < 40; i++)
		assert_non_null(mod_alloc(&f->mod, (size_t)(16 + i)));
	assert_non_null(mod_balloc_align(&f->mod, 4096, 64));
	struct data_blob_handler *bh = mod_data_blob_handler_new(&f->mod);
	assert_non_null(bh);
	assert_int_equal(data_blob_set(bh, table, sizeof(table)), 0);
	const int *t1 = mod_fast_get(&f->mod, table, sizeof(table));
	const int *t2 = mod_fast_get(&f->mod, table, sizeof(table));
	assert_non_null(t1);
	assert_ptr_equal(t1, t2);
	assert_int_equal(mod_resource_count(&f->mod), 44);
	mod_free_all(&f->mod);
	assert_int_equal(mod_resource_count(&f->mod), 0);
	assert_int_equal(objpool_blocks(&f->mod.res.objpool), 0);
	size_t usage;
	assert_int_equal(mod_heap_usage(&f->mod, &usage, NULL), 0);
	assert_int_equal(usage, 0);
	struct fast_get_stats fs;
	assert_int_equal(fast_get_stats(f->fg, &fs), 0);
	assert_int_equal(fs.entries, 0);
	if (audio_ctx_region(f->ctx)) {
		struct vregion_stats st = rstats(f);
		assert_int_equal(st.interim_live_blocks, 0);
		assert_int_equal(st.invalid_frees, 0);
	}
	/* The module is usable again after free_all. */
	void *p = mod_alloc(&f->mod, 32);
	assert_non_null(p);
	assert_int_equal(mod_free(&f->mod, p), 0);
}

/* Two fast-gets of one table hold two records; one put releases one. */
static void test_fast_get_twice_put_once(void **state)
{
	struct fixture *f = *state;
	const void *a = mod_fast_get(&f->mod, table, sizeof(table));
	const void *b = mod_fast_get(&f->mod, table, sizeof(table));
	assert_ptr_equal(a, b);
	assert_null(mod_fast_get(&f->mod, table, sizeof(table) - 4)); /* size mismatch */
	assert_int_equal(mod_fast_put(&f->mod, a), 0);
	struct fast_get_stats fs;
	assert_int_equal(fast_get_stats(f->fg, &fs), 0);
	assert_int_equal(fs.references, 1);
	assert_int_equal(mod_fast_put(&f->mod, b), 0);
	assert_int_equal(mod_fast_put(&f->mod, b), -ENOENT);
	assert_int_equal(fast_get_stats(f->fg, &fs), 0);
	assert_int_equal(fs.entries, 0);
}

static void test_blob_handler(void **state)
{
	struct fixture *f = *state;
	struct data_blob_handler *bh = mod_data_blob_handler_new(&f->mod);
	assert_non_null(bh);
	assert_int_equal(data_blob_set(bh, table, 12), 0);
	size_t size;
	assert_memory_equal(data_blob_get(bh, &size), table, 12);
	assert_int_equal(size, 12);
	assert_int_equal(data_blob_set(bh, NULL, 4), -EINVAL);
	assert_int_equal(mod_data_blob_handler_free(&f->mod, bh), 0);
	assert_int_equal(mod_data_blob_handler_free(&f->mod, bh), -ENOENT);
}

/* M1: buffer memory never comes from the region and goes back to its heap. */
static void test_m1_balloc_freed_where_it_came_from(void **state)
{
	struct fixture *f = *state;
	size_t sys = sys_live();
	void *b = mod_balloc_align(&f->mod, 8192, 128);
	assert_non_null(b);
	assert_int_equal((uintptr_t)b % 128, 0);
	assert_false(vregion_contains(audio_ctx_region(f->ctx), b));
	assert_true(sys_heap_contains(b));
	assert_int_equal(mod_free(&f->mod, b), 0);
	void *c = mod_balloc(&f->mod, 1000);
	assert_non_null(c);
	mod_free_all(&f->mod);
	assert_true(sys_live() <= sys); /* both buffers back in the system heap */
	if (audio_ctx_region(f->ctx))
		assert_int_equal(rstats(f).invalid_frees, 0);
}

/* M8: usage is charged by granule, not by requested bytes; high-water mark kept. */
static void test_m8_usage_and_high_water_mark(void **state)
{
	struct fixture *f = *state;
	size_t usage, hwm;
	void *a = mod_alloc(&f->mod, 20);
	void *b = mod_alloc_ext(&f->mod, SOF_MEM_FLAG_COHERENT, 20, 0);
	void *c = mod_alloc_align(&f->mod, 100, 128);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	size_t g = VREGION_MIN_ALIGN;
	size_t expect = ((20 + g - 1) / g) * g + VREGION_CACHE_LINE + 128;
	assert_int_equal(mod_heap_usage(&f->mod, &usage, &hwm), 0);
	assert_int_equal(usage, expect);
	assert_int_equal(hwm, expect);
	assert_true(usage >= 140);
	assert_int_equal(mod_free(&f->mod, c), 0);
	assert_int_equal(mod_heap_usage(&f->mod, &usage, &hwm), 0);
	assert_int_equal(usage, expect - 128);
	assert_int_equal(hwm, expect);
	mod_free_all(&f->mod);
	assert_int_equal(mod_heap_usage(&f->mod, &usage, &hwm), 0);
	assert_int_equal(usage, 0);
	assert_int_equal(hwm, expect);
	assert_int_equal(mod_heap_usage(NULL, &usage, &hwm), -EINVAL);
}

/* In interim mode the region gives everything back: free_all leaves it as found. */
static void test_interim_back_to_baseline(void **state)
{
	struct fixture *f = *state;
	struct vregion_stats st0 = rstats(f);
	for (int round = 0; round < 50; round++) {
		for (int i = 0; i < 20; i++)
			assert_non_null(mod_alloc(&f->mod, (size_t)(8 + 13 * i)));
		mod_free_all(&f->mod);
	}
	struct vregion_stats st = rstats(f);
	assert_int_equal(st.interim_used, st0.interim_used);
	assert_int_equal(st.interim_live_blocks, st0.interim_live_blocks);
	assert_int_equal(st.lifetime_used, st0.lifetime_used);
}

#define ALL_CONTEXTS(t) \
	cmocka_unit_test_setup_teardown(t, setup_sys, teardown), \
	cmocka_unit_test_setup_teardown(t, setup_lifetime, teardown), \
	cmocka_unit_test_setup_teardown(t, setup_interim, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		ALL_CONTEXTS(test_alloc_free),
		ALL_CONTEXTS(test_m9_alloc_zero_takes_no_container),
		ALL_CONTEXTS(test_m9_exhaustion_keeps_nothing),
		ALL_CONTEXTS(test_free_unowned_is_enoent_and_touches_nothing),
		ALL_CONTEXTS(test_free_all_releases_every_kind),
		ALL_CONTEXTS(test_fast_get_twice_put_once),
		ALL_CONTEXTS(test_blob_handler),
		cmocka_unit_test_setup_teardown(test_m1_balloc_freed_where_it_came_from,
						setup_lifetime, teardown),
		cmocka_unit_test_setup_teardown(test_m1_balloc_freed_where_it_came_from,
						setup_interim, teardown),
		ALL_CONTEXTS(test_m8_usage_and_high_water_mark),
		cmocka_unit_test_setup_teardown(test_interim_back_to_baseline,
						setup_interim, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
