/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the fuzzers found, kept as plain tests so every build checks them
 * (the fuzzers themselves need clang): docs/hardening.md, "What they found".
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <vregion/vregion.h>

#include "topology.h"

/* 1. A misaligned pointer into lifetime space was never handed out. */
static void test_lifetime_misaligned_free(void **state)
{
	struct vregion *vr = vregion_create(4096);
	struct vregion_stats st;
	unsigned char *p;

	(void)state;
	assert_non_null(vr);
	p = vregion_alloc(vr, 64);
	assert_non_null(p);
	assert_non_null(vregion_alloc(vr, 64));
	assert_int_equal(vregion_free(vr, p + 1), -EINVAL);
	assert_int_equal(vregion_free(vr, p + VREGION_MIN_ALIGN - 1), -EINVAL);
	assert_int_equal(vregion_stats(vr, &st), 0);
	assert_int_equal(st.invalid_frees, 2);
	assert_int_equal(st.lifetime_frees, 0);
	vregion_set_interim(vr);
	assert_int_equal(vregion_free(vr, p + 3), -EINVAL);
	assert_null(vregion_put(vr));
}

/* 2. An array element that is only a delimiter made the line scanner loop
 * forever (ctest TIMEOUT catches a regression). */
static void test_topology_delimiter_element(void **state)
{
	static const char *texts[] = { "a [ = ]\n", "x [ = = ]\n", "p.1 { w [ = ] }\n" };
	static struct topology t;
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		err[0] = 0;
		assert_int_equal(topo_load_string("regress", texts[i], strlen(texts[i]), &t, err,
						  sizeof(err)), -EINVAL);
		assert_true(err[0] != 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lifetime_misaligned_free),
		cmocka_unit_test(test_topology_delimiter_element),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
