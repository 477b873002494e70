/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vregion: SOF's boot test (spec 11.2) with our 16-byte minimum alignment,
 * the additions it suggests, and one test per behaviour of the core issue.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <vregion/vheap.h>
#include <vregion/vpage.h>
#include <vregion/vregion.h>

#include "log_capture.h"

#define PAGE VREGION_PAGE_SIZE

static struct vregion_stats stats(const struct vregion *vr)
{
	struct vregion_stats st;
	assert_int_equal(vregion_stats(vr, &st), 0);
	return st;
}

static size_t free_pages(void)
{
	struct vpage_stats st;
	assert_int_equal(vpage_stats(&st), 0);
	return st.free_pages;
}

static void test_boot_sequence(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(3 * PAGE);
	assert_non_null(vr);
	/* lifetime */
	void *l1 = vregion_alloc(vr, 6000);
	assert_non_null(l1);
	assert_int_equal(stats(vr).lifetime_used, 6000);
	void *l2 = vregion_alloc_align(vr, 5000, 16);
	assert_non_null(l2);
	assert_int_equal((uintptr_t)l2 % 16, 0);
	assert_int_equal(stats(vr).lifetime_used, 11000);
	vregion_set_interim(vr);
	struct vregion_stats st = stats(vr);
	assert_int_equal(st.mode, VREGION_MEM_TYPE_INTERIM);
	assert_int_equal(st.interim_size, 3 * PAGE - 11008); /* 1280: from the next 16-byte boundary */
	assert_int_equal(st.lifetime_used, 11000);           /* R7: the true figure stays */
	assert_null(vregion_alloc(vr, 6000));
	assert_int_equal(vregion_free(vr, l1), 0);
	assert_int_equal(vregion_free(vr, l2), 0);
	assert_int_equal(stats(vr).lifetime_frees, 2);
	assert_null(vregion_alloc(vr, 6000));
	/* interim */
	void *i1 = vregion_alloc(vr, 20);
	assert_non_null(i1);
	void *i2 = vregion_alloc_align(vr, 1000, 16);
	assert_non_null(i2);
	assert_int_equal((uintptr_t)i2 % 16, 0);
	assert_null(vregion_alloc(vr, 2000));
	assert_int_equal(vregion_free(vr, i1), 0);
	assert_int_equal(vregion_free(vr, i2), 0);
	void *i3 = vregion_alloc(vr, 1000);
	assert_non_null(i3);
	assert_int_equal(vregion_free(vr, i3), 0);
	vregion_info(vr);
	assert_null(vregion_put(vr));
}

static void test_create_sizes(void **state)
{
	(void)state;
	size_t before = free_pages();
	size_t live = vregion_live_count();
	assert_null(vregion_create(0));
	assert_null(vregion_create(SIZE_MAX));
	assert_null(vregion_create(SIZE_MAX - PAGE + 2));
	struct vregion *vr = vregion_create(1);
	assert_non_null(vr);
	assert_int_equal(stats(vr).size, PAGE);
	assert_int_equal(free_pages(), before - 1);
	assert_int_equal(vregion_live_count(), live + 1);
	size_t size = 0;
	uintptr_t start = 0;
	vregion_mem_info(vr, &size, &start);
	assert_int_equal(size, PAGE);
	assert_int_equal(start % PAGE, 0);
	vregion_mem_info(vr, NULL, NULL);
	vregion_mem_info(NULL, &size, &start); /* R4: NULL-safe */
	assert_int_equal(size, 0);
	assert_int_equal(start, 0);
	assert_null(vregion_put(vr));
	assert_int_equal(free_pages(), before);
	assert_int_equal(vregion_live_count(), live);
}

static void test_every_byte_is_for_users(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(2 * PAGE);
	unsigned char *p = vregion_alloc(vr, 2 * PAGE);
	assert_non_null(p);
	memset(p, 0xa5, 2 * PAGE);
	assert_null(vregion_alloc(vr, 1));
	assert_int_equal(stats(vr).alloc_failures, 1);
	assert_null(vregion_put(vr));
}

static void test_lifetime_alignment_and_bad_args(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(PAGE);
	unsigned char *a = vregion_alloc(vr, 1);
	unsigned char *b = vregion_alloc(vr, 1);
	assert_int_equal((uintptr_t)a % VREGION_MIN_ALIGN, 0);
	assert_int_equal(b - a, VREGION_MIN_ALIGN); /* not a cache line per allocation */
	unsigned char *c = vregion_alloc_align(vr, 8, 256);
	assert_int_equal((uintptr_t)c % 256, 0);
	size_t failures = stats(vr).alloc_failures;
	assert_null(vregion_alloc_align(vr, 8, 24));        /* not a power of two */
	assert_null(vregion_alloc_align(vr, 8, 2 * PAGE));  /* above the page size */
	assert_null(vregion_alloc(vr, 0));
	assert_null(vregion_alloc(NULL, 8));
	assert_null(vregion_alloc(vr, SIZE_MAX));
	assert_null(vregion_alloc(vr, SIZE_MAX - 8));
	assert_null(vregion_alloc_coherent(vr, SIZE_MAX - 8));
	/* bad arguments are not exhaustion; overflow is counted as a failure */
	assert_int_equal(stats(vr).alloc_failures, failures + 2);
	assert_null(vregion_put(vr));
}

static void test_lifetime_give_back(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(PAGE);
	void *a = vregion_alloc(vr, 100);
	void *b = vregion_alloc_align(vr, 50, 64);
	void *c = vregion_alloc(vr, 30);
	size_t used = stats(vr).lifetime_used;
	assert_int_equal(vregion_free(vr, b), 0); /* not the newest: counted only */
	assert_int_equal(stats(vr).lifetime_used, used);
	assert_int_equal(stats(vr).lifetime_frees, 1);
	/* a failed init frees in reverse order: everything comes back */
	assert_int_equal(vregion_free(vr, c), 0);
	assert_int_equal(vregion_free(vr, b), 0);
	assert_int_equal(vregion_free(vr, a), 0);
	assert_int_equal(stats(vr).lifetime_used, 0);
	assert_int_equal(vregion_free(vr, a), -EINVAL); /* already taken back */
	assert_int_equal(stats(vr).invalid_frees, 1);
	assert_ptr_equal(vregion_alloc(vr, 100), a);
	assert_null(vregion_put(vr));
}

static void test_lifetime_give_back_depth(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(PAGE);
	void *p[12];
	for (int i = 0; i < 12; i++)
		p[i] = vregion_alloc(vr, 16);
	for (int i = 11; i >= 0; i--)
		assert_int_equal(vregion_free(vr, p[i]), 0);
	/* the newest 8 came back, the 4 oldest stay counted */
	assert_int_equal(stats(vr).lifetime_used, 4 * 16);
	assert_int_equal(stats(vr).lifetime_frees, 4);
	assert_null(vregion_put(vr));
}

static void test_set_interim_twice(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(PAGE);
	assert_non_null(vregion_alloc(vr, 100));
	vregion_set_interim(vr);
	struct vregion_stats a = stats(vr);
	void *p = vregion_alloc(vr, 64);
	vregion_set_interim(vr);
	struct vregion_stats b = stats(vr);
	assert_int_equal(b.mode, VREGION_MEM_TYPE_INTERIM);
	assert_int_equal(b.interim_size, a.interim_size);
	assert_int_equal(b.interim_live_blocks, 1);
	assert_int_equal(vregion_free(vr, p), 0);
	vregion_set_interim(NULL);
	assert_null(vregion_put(vr));
}

static void test_invalid_when_too_small(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(PAGE);
	void *a = vregion_alloc(vr, PAGE - 16);
	assert_non_null(a);
	vregion_set_interim(vr);
	if (VHEAP_MIN_SPAN <= 16) /* a heap of 16 bytes would be valid: use the whole page */
		skip();
	struct vregion_stats st = stats(vr);
	assert_int_equal(st.mode, VREGION_MEM_TYPE_INVALID);
	assert_int_equal(st.interim_size, 0);
	assert_null(vregion_alloc(vr, 1));
	assert_int_equal(vregion_free(vr, a), 0); /* lifetime frees still work */
	vregion_set_interim(vr);
	assert_int_equal(stats(vr).mode, VREGION_MEM_TYPE_INVALID);
	assert_int_equal(vregion_reset_interim(vr), -EINVAL);
	assert_null(vregion_put(vr));
}

static void test_full_lifetime_then_interim(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(PAGE);
	assert_non_null(vregion_alloc(vr, PAGE));
	vregion_set_interim(vr);
	assert_int_equal(stats(vr).mode, VREGION_MEM_TYPE_INVALID);
	assert_null(vregion_alloc(vr, 1));
	assert_null(vregion_put(vr));
}

static void test_coherent(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(2 * PAGE);
	unsigned char *a = vregion_alloc_coherent(vr, 10);
	assert_non_null(a);
	assert_int_equal((uintptr_t)a % VREGION_CACHE_LINE, 0);
	assert_int_equal(stats(vr).lifetime_used, VREGION_CACHE_LINE);
	unsigned char *b = vregion_alloc_coherent_align(vr, 65, 256);
	assert_int_equal((uintptr_t)b % 256, 0);
	assert_int_equal(stats(vr).lifetime_used, 256 + 2 * VREGION_CACHE_LINE);
	assert_true(vregion_contains(vr, a));
	vregion_set_interim(vr);
	unsigned char *c = vregion_alloc_coherent(vr, 1);
	assert_non_null(c);
	assert_int_equal((uintptr_t)c % VREGION_CACHE_LINE, 0);
	memset(c, 1, VREGION_CACHE_LINE);
	assert_int_equal(vregion_free(vr, c), 0); /* through the alias it was handed out as */
	assert_null(vregion_alloc_coherent(vr, 0));
	assert_null(vregion_put(vr));
}

static void test_bad_frees(void **state)
{
	(void)state;
	static unsigned char foreign[64];
	struct log_capture cap;
	struct vregion *vr = vregion_create(2 * PAGE);
	unsigned char *l = vregion_alloc(vr, 64);
	vregion_set_interim(vr);
	unsigned char *i = vregion_alloc(vr, 256);
	log_capture_start(&cap);
	assert_int_equal(vregion_free(vr, foreign), -EINVAL);
	assert_true(cap.lines > 0);
	log_capture_stop();
	assert_int_equal(vregion_free(vr, i + 16), -EINVAL);  /* interior */
	assert_int_equal(vregion_free(vr, l + 1024), -EINVAL); /* free interim space */
	assert_int_equal(vregion_free(NULL, i), -EINVAL);
	assert_int_equal(vregion_free(vr, NULL), 0);
	struct vregion_stats st = stats(vr);
	assert_int_equal(st.invalid_frees, 3);
	assert_int_equal(st.interim_live_blocks, 1);
	assert_int_equal(vregion_free(vr, i), 0);
	assert_int_equal(vregion_free(vr, i), -EINVAL); /* double free */
	assert_int_equal(stats(vr).interim_live_blocks, 0);
	assert_null(vregion_put(vr));
}

static void test_get_put(void **state)
{
	(void)state;
	size_t live = vregion_live_count();
	struct vregion *vr = vregion_create(PAGE);
	assert_ptr_equal(vregion_get(vr), vr);
	assert_ptr_equal(vregion_get(vr), vr);
	assert_int_equal(stats(vr).use_count, 3);
	assert_ptr_equal(vregion_put(vr), vr);
	assert_ptr_equal(vregion_put(vr), vr);
	assert_int_equal(vregion_live_count(), live + 1);
	assert_null(vregion_put(vr));
	assert_int_equal(vregion_live_count(), live);
	assert_null(vregion_put(NULL));
	assert_null(vregion_get(NULL));
}

static void test_leak_report_on_destroy(void **state)
{
	(void)state;
	struct log_capture cap;
	struct vregion *vr = vregion_create(PAGE);
	vregion_set_interim(vr);
	assert_non_null(vregion_alloc(vr, 40));
	assert_non_null(vregion_alloc(vr, 40));
	log_capture_start(&cap);
	assert_null(vregion_put(vr));
	log_capture_stop();
	assert_int_equal(cap.lines, 1);
	assert_non_null(strstr(cap.last, "2 interim blocks live"));
}

static void test_reset_and_discard(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(2 * PAGE);
	assert_int_equal(vregion_reset_interim(vr), -EINVAL); /* still lifetime */
	assert_non_null(vregion_alloc(vr, 300));
	vregion_set_interim(vr);
	void *a = vregion_alloc(vr, 1000);
	void *b = vregion_alloc(vr, 2000);
	assert_int_equal(vregion_reset_interim(vr), -EBUSY);
	assert_int_equal(vregion_free(vr, a), 0);
	assert_int_equal(vregion_free(vr, b), 0);
	assert_true(stats(vr).interim_peak >= 3000);
	assert_int_equal(vregion_reset_interim(vr), 0);
	assert_int_equal(stats(vr).interim_peak, 0);
	assert_int_equal(stats(vr).lifetime_used, 300);
	assert_non_null(vregion_alloc(vr, 100));
	assert_non_null(vregion_alloc(vr, 100));
	assert_int_equal(vregion_discard_interim(vr), 2);
	assert_int_equal(stats(vr).interim_live_blocks, 0);
	assert_int_equal(vregion_discard_interim(NULL), -EINVAL);
	assert_int_equal(vregion_reset_interim(NULL), -EINVAL);
	assert_null(vregion_put(vr));
}

static void test_stats_null_args(void **state)
{
	(void)state;
	struct vregion_stats st;
	assert_int_equal(vregion_stats(NULL, &st), -EINVAL);
	struct vregion *vr = vregion_create(PAGE);
	assert_int_equal(vregion_stats(vr, NULL), -EINVAL);
	assert_false(vregion_contains(vr, NULL));
	assert_false(vregion_contains(NULL, &st));
	vregion_info(NULL);
	assert_null(vregion_put(vr));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boot_sequence),
		cmocka_unit_test(test_create_sizes),
		cmocka_unit_test(test_every_byte_is_for_users),
		cmocka_unit_test(test_lifetime_alignment_and_bad_args),
		cmocka_unit_test(test_lifetime_give_back),
		cmocka_unit_test(test_lifetime_give_back_depth),
		cmocka_unit_test(test_set_interim_twice),
		cmocka_unit_test(test_invalid_when_too_small),
		cmocka_unit_test(test_full_lifetime_then_interim),
		cmocka_unit_test(test_coherent),
		cmocka_unit_test(test_bad_frees),
		cmocka_unit_test(test_get_put),
		cmocka_unit_test(test_leak_report_on_destroy),
		cmocka_unit_test(test_reset_and_discard),
		cmocka_unit_test(test_stats_null_args),
	};
	return cmocka_run_group_tests_name("vregion", tests, NULL, NULL);
}
