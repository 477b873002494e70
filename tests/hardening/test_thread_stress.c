/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread stress (issue 9 item 3): one LL thread runs periods without pause
 * while two control threads, each with its own pipeline ids, build a
 * generator (LL) -> copy (DP, its own thread, runtime interim memory and
 * fast-get every period) -> checker (LL) chain, start it, reconfigure the
 * three modules (interim memory) while it runs, stop and tear it down, a
 * fixed number of times. Checks: every build and teardown call succeeds, the
 * checker saw data and an unbroken sequence, and at the end nothing is left
 * (regions, contexts, system heap). Run under TSan by scripts/test.sh (label "threads"): zero reports.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <vregion/audio/fw.h>

#include "hard_util.h"
#include "tmod.h"

#define ITERATIONS 12
#define CONTROLLERS 2

static struct fw_instance *fw;
static atomic_bool stop;
static atomic_ulong periods;

static void *ll_thread(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		if (fw_ll_run_period(fw) < 0)
			break;
		atomic_fetch_add(&periods, 1);
	}
	return NULL;
}

static void pause_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

struct probe {
	uint32_t instance;
	uint64_t checked;
};

/* Runs under the instance lock, which the LL period holds while the LL
 * checker counts: the read is ordered, not a race. */
static bool probe_cb(struct processing_module *m, void *arg)
{
	struct probe *pr = arg;

	if (m->module_id != TMOD_ID || m->instance_id != pr->instance)
		return false;
	pr->checked = tmod_priv(m)->checked;
	return true;
}

/* Wait until LL checker @p chk has checked @p words more samples (10 s cap). */
static bool wait_checked(uint32_t chk, uint64_t words)
{
	struct probe pr = { chk, 0 };
	uint64_t until;

	fw_foreach_module(fw, probe_cb, &pr);
	until = pr.checked + words;
	for (int i = 0; i < 10000; i++) {
		fw_foreach_module(fw, probe_cb, &pr);
		if (pr.checked >= until)
			return true;
		pause_ms(1);
	}
	return false;
}

struct ctl {
	uint32_t base;   /* pipeline id and first instance id */
	int failures;
	char why[128];
};

#define REQUIRE(c)                                                               \
	do {                                                                     \
		if (!(c)) {                                                      \
			snprintf(x->why, sizeof(x->why), "iteration %d: %s", it, #c); \
			x->failures++;                                           \
			return NULL;                                             \
		}                                                                \
	} while (0)

static void *control_thread(void *arg)
{
	struct ctl *x = arg;
	uint8_t cfg[128];

	memset(cfg, 0x33, sizeof(cfg));
	for (int it = 0; it < ITERATIONS; it++) {
		struct tmod_init scratch = { TMOD_SCRATCH, 0 };
		uint32_t ppl = x->base, gen = x->base, dp = x->base + 1, chk = x->base + 2;
		struct fw_module_params p;
		struct processing_module *m;

		REQUIRE(fw_pipeline_new(fw, ppl, x->base % 8, 32768) == 0);
		p = tmod_params(gen, ppl, MODULE_DOMAIN_LL, NULL);
		REQUIRE(fw_module_new(fw, &p, NULL) == 0);
		p = tmod_params(dp, ppl, MODULE_DOMAIN_DP, &scratch);
		p.heap_bytes = 16384;
		REQUIRE(fw_module_new(fw, &p, NULL) == 0);
		p = tmod_params(chk, ppl, MODULE_DOMAIN_LL, NULL);
		REQUIRE(fw_module_new(fw, &p, NULL) == 0);
		REQUIRE(fw_bind(fw, TMOD_ID, gen, 0, TMOD_ID, dp, 0) == 0);
		REQUIRE(fw_bind(fw, TMOD_ID, dp, 0, TMOD_ID, chk, 0) == 0);
		REQUIRE(fw_pipeline_set_state(fw, ppl, FW_PPL_STATE_PAUSED) == 0);
		REQUIRE(fw_pipeline_set_state(fw, ppl, FW_PPL_STATE_RUNNING) == 0);
		REQUIRE(wait_checked(chk, 4 * TMOD_PERIOD_BYTES / 4));
		for (uint32_t i = gen; i <= chk; i++)
			REQUIRE(fw_module_set_large_config(fw, TMOD_ID, i, 1, true, true,
							   sizeof(cfg), cfg, sizeof(cfg)) == 0);
		REQUIRE(wait_checked(chk, 4 * TMOD_PERIOD_BYTES / 4));
		if (it % 3 == 1) {
			/* pause and release once in a while */
			REQUIRE(fw_pipeline_set_state(fw, ppl, FW_PPL_STATE_PAUSED) == 0);
			REQUIRE(fw_pipeline_set_state(fw, ppl, FW_PPL_STATE_RUNNING) == 0);
		}
		REQUIRE(fw_pipeline_set_state(fw, ppl, FW_PPL_STATE_PAUSED) == 0);
		m = fw_module_find(fw, TMOD_ID, chk);
		REQUIRE(m && tmod_priv(m)->bad == 0);
		REQUIRE(tmod_priv(m)->checked > 0);
		REQUIRE(fw_pipeline_set_state(fw, ppl, FW_PPL_STATE_RESET) == 0);
		/* modules and pipeline deleted in a different order each time */
		if (it % 2) {
			REQUIRE(fw_module_delete(fw, TMOD_ID, dp) == 0);
			REQUIRE(fw_module_delete(fw, TMOD_ID, gen) == 0);
			REQUIRE(fw_module_delete(fw, TMOD_ID, chk) == 0);
			REQUIRE(fw_pipeline_delete(fw, ppl) == 0);
		} else {
			REQUIRE(fw_module_delete(fw, TMOD_ID, chk) == 0);
			REQUIRE(fw_module_delete(fw, TMOD_ID, gen) == 0);
			REQUIRE(fw_module_delete(fw, TMOD_ID, dp) == 0);
			REQUIRE(fw_pipeline_delete(fw, ppl) == 0);
		}
	}
	return NULL;
}

static void test_stress(void **state)
{
	struct ctl ctl[CONTROLLERS];
	pthread_t ll, c[CONTROLLERS];
	struct hard_snap base;
	struct fw_counts n;

	(void)state;
	hard_snap_take(&base);
	fw = fw_new(NULL);
	assert_non_null(fw);
	assert_int_equal(fw_register_module_type(fw, &tmod_type), 0);
	atomic_store(&stop, false);
	assert_int_equal(pthread_create(&ll, NULL, ll_thread, NULL), 0);
	for (int i = 0; i < CONTROLLERS; i++) {
		memset(&ctl[i], 0, sizeof(ctl[i]));
		ctl[i].base = 10u * (uint32_t)(i + 1);
		assert_int_equal(pthread_create(&c[i], NULL, control_thread, &ctl[i]), 0);
	}
	for (int i = 0; i < CONTROLLERS; i++)
		assert_int_equal(pthread_join(c[i], NULL), 0);
	atomic_store(&stop, true);
	assert_int_equal(pthread_join(ll, NULL), 0);
	for (int i = 0; i < CONTROLLERS; i++)
		if (ctl[i].failures)
			fail_msg("controller %d: %s", i, ctl[i].why);
	assert_int_equal(fw_get_counts(fw, &n), 0);
	assert_int_equal(n.pipelines + n.modules + n.buffers, 0);
	printf("%d controllers x %d build/run/reconfigure/teardown cycles, %lu LL periods\n",
	       CONTROLLERS, ITERATIONS, atomic_load(&periods));
	assert_int_equal(fw_delete(fw), 0);
	assert_true(hard_snap_same(&base, "after the stress"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stress),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
