/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vpage: SOF's boot test (spec 11.1) and the regressions it lacked: the V1
 * record-table corruption, filling and emptying the pool in any order,
 * refusing bad frees without change, alloc(0).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <vregion/vpage.h>

#define POOL_PAGES 40
static _Alignas(4096) unsigned char span[(POOL_PAGES + 1) * VREGION_PAGE_SIZE];

static struct vpage_stats stats(void)
{
	struct vpage_stats st;
	assert_int_equal(vpage_stats(&st), 0);
	return st;
}

static int setup(void **state)
{
	(void)state;
	return vpage_pool_init(span, sizeof(span));
}

static void test_boot_sequence(void **state)
{
	(void)state;
	void *p1 = vpage_alloc(1);
	void *p2 = vpage_alloc(2);
	assert_non_null(p1);
	assert_non_null(p2);
	assert_int_equal(vpage_free(p1), 0);
	assert_int_equal(vpage_free(p2), 0);
	p1 = vpage_alloc(2);
	assert_non_null(p1);
	assert_int_equal(vpage_free(p1), 0);
	assert_int_equal(stats().free_pages, stats().total_pages);
}

static void test_pool_geometry(void **state)
{
	(void)state;
	struct vpage_stats st = stats();
	/* The map (4 bytes per page) takes one page of the 41. */
	assert_int_equal(st.total_pages, POOL_PAGES);
	assert_int_equal(st.free_pages, POOL_PAGES);
	assert_int_equal(st.largest_free, POOL_PAGES);
	unsigned char *p = vpage_alloc(1);
	assert_true(p >= span && p + VREGION_PAGE_SIZE <= span + sizeof(span));
	assert_int_equal((uintptr_t)p % VREGION_PAGE_SIZE, 0);
	assert_int_equal(vpage_free(p), 0);
}

/* SOF defect V1: C's record overwrote B's, so freeing B failed and leaked. */
static void test_v1_free_out_of_order(void **state)
{
	(void)state;
	size_t total = stats().total_pages;
	void *a = vpage_alloc(1);
	void *b = vpage_alloc(1);
	assert_int_equal(vpage_free(a), 0);
	void *c = vpage_alloc(1);
	assert_ptr_equal(c, a); /* first fit reuses the hole */
	assert_int_equal(vpage_free(b), 0);
	assert_int_equal(stats().free_pages, total - 1);
	assert_int_equal(vpage_alloc_pages(c), 1);
	assert_int_equal(vpage_free(c), 0);
	assert_int_equal(stats().free_pages, total);
}

static void fill_and_empty(size_t stride)
{
	void *p[POOL_PAGES];
	size_t n = stats().total_pages;
	size_t failures = stats().failures;
	for (size_t i = 0; i < n; i++)
		assert_non_null(p[i] = vpage_alloc(1));
	assert_null(vpage_alloc(1));
	assert_int_equal(stats().failures, failures + 1);
	assert_int_equal(stats().allocations, n);
	/* stride is coprime with n: visits every slot once in a scattered order */
	for (size_t i = 0, j = 0; i < n; i++, j = (j + stride) % n)
		assert_int_equal(vpage_free(p[j]), 0);
	assert_int_equal(stats().free_pages, n);
	assert_int_equal(stats().largest_free, n);
	assert_int_equal(stats().allocations, 0);
}

static void test_fill_empty_any_order(void **state)
{
	(void)state;
	fill_and_empty(1);
	fill_and_empty(3);
	fill_and_empty(7);
	fill_and_empty(POOL_PAGES - 1);
}

static void test_bad_frees_change_nothing(void **state)
{
	(void)state;
	unsigned char *a = vpage_alloc(3);
	struct vpage_stats before = stats();
	static unsigned char outside[16];
	assert_int_equal(vpage_free(a + 1), -EINVAL);                 /* unaligned */
	assert_int_equal(vpage_free(a + VREGION_PAGE_SIZE), -EINVAL); /* interior page */
	assert_int_equal(vpage_free(a + 3 * VREGION_PAGE_SIZE), -EINVAL); /* free page */
	assert_int_equal(vpage_free(outside), -EINVAL);
	assert_int_equal(vpage_free(NULL), -EINVAL);
	struct vpage_stats after = stats();
	assert_int_equal(after.free_pages, before.free_pages);
	assert_int_equal(after.allocations, before.allocations);
	assert_int_equal(after.invalid_frees, before.invalid_frees + 5);
	assert_int_equal(vpage_free(a), 0);
	assert_int_equal(vpage_free(a), -EINVAL); /* double free */
	assert_int_equal(stats().free_pages, stats().total_pages);
}

static void test_alloc_zero_and_too_many(void **state)
{
	(void)state;
	assert_null(vpage_alloc(0));
	assert_null(vpage_alloc(POOL_PAGES + 1));
	assert_null(vpage_alloc(~0u));
	assert_int_equal(stats().free_pages, stats().total_pages);
}

static void test_fragmentation_first_fit(void **state)
{
	(void)state;
	unsigned char *a = vpage_alloc(2);
	unsigned char *b = vpage_alloc(2);
	unsigned char *c = vpage_alloc(2);
	assert_int_equal(vpage_free(a), 0);
	assert_int_equal(vpage_free(c), 0);
	/* 2-page hole at a; 3 pages only fit from c onward */
	unsigned char *d = vpage_alloc(3);
	assert_ptr_equal(d, c);
	unsigned char *e = vpage_alloc(2);
	assert_ptr_equal(e, a);
	assert_int_equal(vpage_free(b), 0);
	assert_int_equal(vpage_free(d), 0);
	assert_int_equal(vpage_free(e), 0);
	assert_int_equal(stats().largest_free, stats().total_pages);
}

static void test_pool_init_rules(void **state)
{
	(void)state;
	assert_int_equal(vpage_pool_init(NULL, 4096), -EINVAL);
	assert_int_equal(vpage_pool_init(span, VREGION_PAGE_SIZE), -EINVAL);
	void *a = vpage_alloc(1);
	assert_int_equal(vpage_pool_init(span, sizeof(span)), -EBUSY);
	assert_int_equal(vpage_free(a), 0);
	/* an unaligned span: the head and tail are trimmed */
	assert_int_equal(vpage_pool_init(span + 3, sizeof(span) - 4), 0);
	assert_int_equal(stats().total_pages, POOL_PAGES - 1);
	assert_int_equal(vpage_stats(NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_boot_sequence, setup),
		cmocka_unit_test_setup(test_pool_geometry, setup),
		cmocka_unit_test_setup(test_v1_free_out_of_order, setup),
		cmocka_unit_test_setup(test_fill_empty_any_order, setup),
		cmocka_unit_test_setup(test_bad_frees_change_nothing, setup),
		cmocka_unit_test_setup(test_alloc_zero_and_too_many, setup),
		cmocka_unit_test_setup(test_fragmentation_first_fit, setup),
		cmocka_unit_test_setup(test_pool_init_rules, setup),
	};
	return cmocka_run_group_tests_name("vpage", tests, NULL, NULL);
}
