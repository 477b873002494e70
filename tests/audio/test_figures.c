/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Figures of the framework (printed for docs/framework.md) with the checks
 * that make them meaningful: what a pipeline and its modules cost in their
 * region, and what one LL period costs. Run: ./tests/audio/test_figures
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <time.h>
#include <cmocka.h>

#include <vregion/audio/buffer.h>
#include <vregion/audio/fw.h>

#include "audio_test.h"
#include "tmod.h"

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void chain3(struct fw_instance *fw, uint32_t ppl, uint32_t a, enum module_domain mid)
{
	for (uint32_t i = 0; i < 3; i++) {
		struct fw_module_params prm = tmod_params(a + i, ppl, i == 1 ? mid : MODULE_DOMAIN_LL,
							  NULL);
		assert_int_equal(fw_module_new(fw, &prm, NULL), 0);
	}
	assert_int_equal(fw_bind(fw, TMOD_ID, a, 0, TMOD_ID, a + 1, 0), 0);
	assert_int_equal(fw_bind(fw, TMOD_ID, a + 1, 0, TMOD_ID, a + 2, 0), 0);
}

static void test_memory_figures(void **state)
{
	(void)state;
	struct baseline b = baseline_take();
	struct fw_instance *fw = fw_new(NULL);
	assert_non_null(fw);
	assert_int_equal(fw_register_module_type(fw, &tmod_type), 0);
	assert_int_equal(fw_pipeline_new(fw, 1, 0, 16384), 0);
	struct vregion *vr = pipeline_region(fw_pipeline_find(fw, 1));
	size_t empty = region_stats(vr).lifetime_used;
	chain3(fw, 1, 0, MODULE_DOMAIN_LL);
	size_t built = region_stats(vr).lifetime_used;
	assert_int_equal(fw_pipeline_set_state(fw, 1, FW_PPL_STATE_RESET), 0);
	struct vregion_stats done = region_stats(vr);
	assert_int_equal(done.lifetime_used, built);
	assert_int_equal(fw_pipeline_new(fw, 2, 0, 0), 0);
	chain3(fw, 2, 10, MODULE_DOMAIN_DP);
	struct processing_module *dp = fw_module_find(fw, TMOD_ID, 11);
	struct vregion *dvr = audio_ctx_region(dp->res.ctx);
	assert_int_equal(fw_pipeline_set_state(fw, 2, FW_PPL_STATE_RESET), 0);
	struct vregion_stats ds = region_stats(dvr);
	printf("sizeof: processing_module %zu, pipeline %zu, comp_buffer %zu, audio_ctx %zu\n",
	       sizeof(struct processing_module), sizeof(struct pipeline),
	       sizeof(struct comp_buffer), sizeof(struct audio_ctx));
	printf("LL pipeline region 16384: pipeline object %zu lifetime bytes; "
	       "+3 tmod modules %zu; after complete interim size %zu, rings %zu used\n",
	       empty, built, done.interim_size, done.interim_used);
	printf("DP module region %zu: lifetime %zu (module + tmod init), interim size %zu, "
	       "2 rings %zu used\n", ds.size, ds.lifetime_used, ds.interim_size, ds.interim_used);
	assert_true(empty >= sizeof(struct pipeline));
	assert_true(built > empty);
	assert_true(done.interim_used >= 2 * 2 * TMOD_PERIOD_BYTES);
	assert_int_equal(ds.size, FW_DP_DEFAULT_HEAP_BYTES);
	assert_int_equal(fw_delete(fw), 0);
	baseline_check(&b);
}

static void test_ll_period_cost(void **state)
{
	(void)state;
	struct fw_instance *fw = fw_new(NULL);
	assert_non_null(fw);
	assert_int_equal(fw_register_module_type(fw, &tmod_type), 0);
	for (uint32_t p = 0; p < 3; p++) {
		assert_int_equal(fw_pipeline_new(fw, p, p, 65536), 0);
		chain3(fw, p, 10 * p, MODULE_DOMAIN_LL);
		assert_int_equal(fw_pipeline_set_state(fw, p, FW_PPL_STATE_PAUSED), 0);
		assert_int_equal(fw_pipeline_set_state(fw, p, FW_PPL_STATE_RUNNING), 0);
	}
	const unsigned long periods = 20000;
	double t0 = now_ns();
	assert_int_equal(fw_ll_run(fw, periods, false), 0);
	double t1 = now_ns();
	printf("LL: 3 pipelines x 3 modules (384-byte periods): %.0f ns per period (%lu periods)\n",
	       (t1 - t0) / (double)periods, periods);
	for (uint32_t p = 0; p < 3; p++)
		assert_int_equal(tmod_priv(fw_module_find(fw, TMOD_ID, 10 * p + 2))->bad, 0);
	assert_int_equal(fw_delete(fw), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory_figures),
		cmocka_unit_test(test_ll_period_cost),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
