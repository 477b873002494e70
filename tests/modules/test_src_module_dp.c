/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SRC module in the DP domain (own thread, own region): output against the
 * engine alone, memory in the module's own region with the coefficients
 * shared outside every region, SRC2/SRC3 stop/reset/start cycles, and the
 * DP region each conversion needs (is SOF's 20480-byte default enough?).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/audio/fast_get.h>
#include <vregion/audio/sched.h>
#include <vregion/sysheap.h>

#include "src_module_ref.h"

static const uint32_t rates[] = { 8000, 11025, 12000, 16000, 22050, 24000, 32000,
				  44100, 48000, 64000, 88200, 96000, 176400, 192000 };
#define NRATES (sizeof(rates) / sizeof(rates[0]))

/*
 * Run until the DP thread has converted what it can: the LL side keeps
 * ticking (and the DAI copier draining) until the output stops growing.
 */
static void run_dp(struct src_rig *r)
{
	unsigned long periods = (unsigned long)(r->frames * 1000u / r->fs_in) + 20u;
	assert_int_equal(fw_pipeline_set_state(r->fw, r->ppl, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(fw_ll_run(r->fw, periods, false), 0);
	size_t last = (size_t)-1;
	for (int quiet = 0; quiet < 20;) {
		assert_int_equal(fw_ll_run(r->fw, 5, true), 0); /* real time: let the thread run */
		quiet = r->dst.frames == last && !mh_dp_pending(r->fw) ? quiet + 1 : 0;
		last = r->dst.frames;
	}
}

static void stop(struct src_rig *r)
{
	assert_int_equal(fw_pipeline_set_state(r->fw, r->ppl, FW_PPL_STATE_PAUSED), 0);
	assert_int_equal(fw_pipeline_set_state(r->fw, r->ppl, FW_PPL_STATE_RESET), 0);
}

/* Everything but what is short of one DP period (ibs) and the filter history. */
static void assert_most_out(struct src_rig *r, size_t n)
{
	struct src_module_info info;
	assert_int_equal(src_module_get_info(src_rig_module(r), &info), 0);
	uint64_t expect = (uint64_t)r->frames * r->fs_out / r->fs_in;
	uint64_t lag = (uint64_t)info.plan.latency_us * r->fs_out / 1000000u * 2 +
		       2u * r->fs_out / 1000u + 64;
	if (n + lag < expect)
		fail_msg("%u->%u: %zu of %llu frames out", r->fs_in, r->fs_out, n,
			 (unsigned long long)expect);
}

static void dp_case(uint32_t fs_in, uint32_t fs_out, uint32_t ch)
{
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	struct src_rig r;
	src_rig_build(&r, fw, 1, 65536, fs_in, fs_out, ch, MODULE_DOMAIN_DP, 0, fs_in / 5);
	struct processing_module *m = src_rig_module(&r);
	struct vregion *own = audio_ctx_region(m->res.ctx);
	struct vregion *ppl = pipeline_region(fw_pipeline_find(fw, 1));
	assert_non_null(own);
	assert_ptr_not_equal(own, ppl);
	struct src_module_info info;
	assert_int_equal(src_module_get_info(m, &info), 0);
	assert_true(vregion_contains(own, info.state));
	assert_false(vregion_contains(ppl, info.state));
	if (info.delay)
		assert_true(vregion_contains(own, info.delay));
	for (uint32_t s = 0; s < info.plan.nstages; s++) {
		assert_false(vregion_contains(own, info.coef[s]));
		assert_false(vregion_contains(ppl, info.coef[s]));
		assert_true(sys_heap_contains(info.coef[s]));
	}
	run_dp(&r);
	size_t n = src_rig_check(&r);
	assert_most_out(&r, n);
	struct dp_task_info ti;
	assert_int_equal(dp_task_info(m, &ti), 0);
	assert_true(ti.runs > 0);
	assert_int_equal(ti.errors, 0);
	stop(&r);
	assert_int_equal(fw_delete(fw), 0);
	src_rig_free(&r);
	mh_baseline_check(&base);
}

static void test_dp_matches_engine(void **state)
{
	(void)state;
	dp_case(44100, 48000, 2);
	dp_case(48000, 16000, 2);
	dp_case(16000, 48000, 1);
	dp_case(48000, 48000, 2);
}

/* SRC2/SRC3 in DP: the module's own region does not move by one byte. */
static void test_dp_stop_reset_start(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	struct src_rig r;
	src_rig_build(&r, fw, 1, 65536, 44100, 48000, 2, MODULE_DOMAIN_DP, 0, 8820);
	struct vregion_stats built = mh_mod_stats(fw, 3, 1);
	assert_int_equal(built.mode, VREGION_MEM_TYPE_INTERIM);
	struct vregion_stats pbuilt = mh_ppl_stats(fw, 1);
	for (int cycle = 0; cycle < 4; cycle++) {
		src_rig_rewind(&r);
		run_dp(&r);
		size_t n = src_rig_check(&r);
		assert_most_out(&r, n);
		stop(&r);
		struct vregion_stats st = mh_mod_stats(fw, 3, 1);
		assert_int_equal(st.lifetime_used, built.lifetime_used);
		assert_int_equal(st.interim_used, built.interim_used);
		assert_int_equal(st.interim_live_blocks, built.interim_live_blocks);
		st = mh_ppl_stats(fw, 1);
		assert_int_equal(st.lifetime_used, pbuilt.lifetime_used);
		assert_int_equal(st.interim_used, pbuilt.interim_used);
	}
	assert_int_equal(fw_delete(fw), 0);
	src_rig_free(&r);
	mh_baseline_check(&base);
}

/* DP instances in two pipelines and an LL one in a third share one copy. */
static void test_dp_and_ll_share_coefficients(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	struct src_rig a, b, c;
	src_rig_build(&a, fw, 1, 65536, 48000, 44100, 2, MODULE_DOMAIN_DP, 0, 9600);
	src_rig_build(&b, fw, 2, 65536, 48000, 44100, 2, MODULE_DOMAIN_DP, 0, 9600);
	src_rig_build(&c, fw, 3, 65536, 48000, 44100, 2, MODULE_DOMAIN_LL, 0, 9600);
	struct src_module_info ia, ib, ic;
	assert_int_equal(src_module_get_info(src_rig_module(&a), &ia), 0);
	assert_int_equal(src_module_get_info(src_rig_module(&b), &ib), 0);
	assert_int_equal(src_module_get_info(src_rig_module(&c), &ic), 0);
	for (uint32_t s = 0; s < ia.plan.nstages; s++) {
		assert_ptr_equal(ia.coef[s], ib.coef[s]);
		assert_ptr_equal(ia.coef[s], ic.coef[s]);
	}
	struct fast_get_stats fs;
	assert_int_equal(fast_get_stats(fw_fast_get_cache(fw), &fs), 0);
	assert_int_equal(fs.references, 3 * ia.plan.nstages);
	assert_true(fs.entries <= ia.plan.nstages);
	/* the first DP module's pipeline goes; the others keep converting */
	assert_int_equal(fw_pipeline_delete(fw, 1), 0);
	run_dp(&b);
	assert_most_out(&b, src_rig_check(&b));
	run_dp(&c);
	assert_most_out(&c, src_rig_check(&c));
	assert_int_equal(fw_delete(fw), 0);
	src_rig_free(&a);
	src_rig_free(&b);
	src_rig_free(&c);
	mh_baseline_check(&base);
}

/*
 * The DP region each conversion takes at init (module object, engine
 * state, delay lines, staging, resource containers): every pair with 1, 2
 * and 8 channels at SOF's 20480-byte default. Conversions that do not fit
 * are refused at init (-ENOMEM) and leave nothing behind.
 */
static void test_dp_region_use_every_pair(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	static const uint32_t chans[] = { 1, 2, 8 };
	for (size_t k = 0; k < 3; k++) {
		size_t max_used = 0, fit = 0, total = 0;
		uint32_t ch = chans[k];
		for (size_t a = 0; a < NRATES; a++) {
			for (size_t b = 0; b < NRATES; b++) {
				struct fw_instance *fw = mh_fw_new();
				assert_int_equal(fw_pipeline_new(fw, 1, 0, 16384), 0);
				uint8_t cfg[64];
				struct ipc4_audio_fmt f = mh_fmt(rates[a], ch, COPIER_S32);
				size_t n = mh_src_cfg(cfg, sizeof(cfg), &f, rates[b]);
				struct fw_module_params p = mh_params(3, 0, 1, MODULE_DOMAIN_DP, cfg, n);
				struct processing_module *m = NULL;
				int ret = fw_module_new(fw, &p, &m);
				total++;
				if (ret == 0) {
					fit++;
					struct vregion_stats st = mh_mod_stats(fw, 3, 0);
					if (st.lifetime_used > max_used)
						max_used = st.lifetime_used;
				} else {
					assert_int_equal(ret, -ENOMEM);
				}
				assert_int_equal(fw_delete(fw), 0);
			}
		}
		print_message("SRC DP, %u ch: %zu of %zu conversions fit the 20480-byte default "
			      "region; largest lifetime use of those %zu bytes\n",
			      ch, fit, total, max_used);
		if (ch <= 2)
			assert_int_equal(fit, total);
	}
	mh_baseline_check(&base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dp_matches_engine),
		cmocka_unit_test(test_dp_stop_reset_start),
		cmocka_unit_test(test_dp_and_ll_share_coefficients),
		cmocka_unit_test(test_dp_region_use_every_pair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
