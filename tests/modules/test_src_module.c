/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SRC module in the LL domain: output against the engine alone, memory
 * placement (state and delay lines in the pipeline's region, coefficients
 * shared outside every region), SOF's SRC1-SRC3 as regressions, every rate
 * pair and channel count through the module, leak baselines.
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
#include <vregion/sysheap.h>

#include "src_module_ref.h"

static const uint32_t rates[] = { 8000, 11025, 12000, 16000, 22050, 24000, 32000,
				  44100, 48000, 64000, 88200, 96000, 176400, 192000 };
#define NRATES (sizeof(rates) / sizeof(rates[0]))

/* Run the rig's pipeline over the whole input and a little more. */
static void run_all(struct src_rig *r)
{
	unsigned long periods = (unsigned long)(r->frames * 1000u / r->fs_in) + 40u;
	assert_int_equal(fw_pipeline_set_state(r->fw, r->ppl, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(fw_ll_run(r->fw, periods, false), 0);
}

static void stop(struct src_rig *r)
{
	assert_int_equal(fw_pipeline_set_state(r->fw, r->ppl, FW_PPL_STATE_PAUSED), 0);
	assert_int_equal(fw_pipeline_set_state(r->fw, r->ppl, FW_PPL_STATE_RESET), 0);
}

/* The output is the engine's output for the same input, and about all of it. */
static void ll_case(uint32_t fs_in, uint32_t fs_out, uint32_t ch)
{
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	struct src_rig r;
	src_rig_build(&r, fw, 1, 131072, fs_in, fs_out, ch, MODULE_DOMAIN_LL, 0, fs_in / 5);
	run_all(&r);
	size_t n = src_rig_check(&r);
	struct src_module_info info;
	assert_int_equal(src_module_get_info(src_rig_module(&r), &info), 0);
	/* everything but the filter's history came out */
	uint64_t expect = (uint64_t)r.frames * fs_out / fs_in;
	uint64_t lag = (uint64_t)info.plan.latency_us * fs_out / 1000000u * 2 + 64;
	assert_true(n + lag >= expect);
	assert_int_equal(info.frames_out, n);
	size_t heap;
	assert_int_equal(mod_heap_usage(src_rig_module(&r), &heap, NULL), 0);
	print_message("SRC LL %u->%u x%u: %u stage(s), state %zu + delay lines %zu bytes, "
		      "mod_alloc use %zu bytes in the pipeline region; coefficients %zu bytes "
		      "shared (system heap)\n", fs_in, fs_out, ch, info.plan.nstages,
		      info.plan.state_bytes, info.plan.delay_bytes, heap,
		      info.plan.coef_bytes_total);
	assert_int_equal(fw_delete(fw), 0);
	src_rig_free(&r);
	mh_baseline_check(&base);
}

static void test_ll_matches_engine(void **state)
{
	(void)state;
	ll_case(44100, 48000, 2);
	ll_case(48000, 44100, 2);
	ll_case(48000, 16000, 2);
	ll_case(16000, 48000, 2);
	ll_case(22050, 8000, 1);
	ll_case(96000, 44100, 8);
	ll_case(8000, 192000, 3);
	ll_case(48000, 48000, 2);
}

/*
 * Where the memory is: engine state and delay lines in the pipeline's
 * region (lifetime, taken at init); the coefficient copy in the system
 * heap, outside every region, one copy for every instance of the same
 * conversion in every pipeline; deleting the first pipeline leaves the
 * second one converting correctly (SOF's F2).
 */
static void test_coefficients_shared_across_pipelines(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	struct fast_get_cache *fg = fw_fast_get_cache(fw);
	struct fast_get_stats fs0;
	assert_int_equal(fast_get_stats(fg, &fs0), 0);
	struct src_rig a, b, c;
	src_rig_build(&a, fw, 1, 65536, 44100, 48000, 2, MODULE_DOMAIN_LL, 0, 8820);
	src_rig_build(&b, fw, 2, 65536, 44100, 48000, 2, MODULE_DOMAIN_LL, 0, 8820);
	src_rig_build(&c, fw, 3, 65536, 48000, 16000, 2, MODULE_DOMAIN_LL, 0, 9600);
	struct src_module_info ia, ib, ic;
	assert_int_equal(src_module_get_info(src_rig_module(&a), &ia), 0);
	assert_int_equal(src_module_get_info(src_rig_module(&b), &ib), 0);
	assert_int_equal(src_module_get_info(src_rig_module(&c), &ic), 0);
	struct vregion *ra = pipeline_region(fw_pipeline_find(fw, 1));
	struct vregion *rb = pipeline_region(fw_pipeline_find(fw, 2));
	struct vregion *rc = pipeline_region(fw_pipeline_find(fw, 3));
	assert_true(ia.plan.nstages >= 1);
	size_t bytes = 0;
	for (uint32_t s = 0; s < ia.plan.nstages; s++) {
		assert_ptr_equal(ia.coef[s], ib.coef[s]);            /* one copy */
		assert_ptr_not_equal(ia.coef[s], ia.plan.coef[s]);   /* a copy, not the table */
		assert_memory_equal(ia.coef[s], ia.plan.coef[s], ia.plan.coef_bytes[s]);
		assert_false(vregion_contains(ra, ia.coef[s]));
		assert_false(vregion_contains(rb, ia.coef[s]));
		assert_false(vregion_contains(rc, ia.coef[s]));
		assert_true(sys_heap_contains(ia.coef[s]));
		bytes += ia.plan.coef_bytes[s];
	}
	for (uint32_t s = 0; s < ic.plan.nstages; s++)
		bytes += ic.plan.coef_bytes[s];
	struct fast_get_stats fs;
	assert_int_equal(fast_get_stats(fg, &fs), 0);
	/* a table shared by both conversions would count once: entries <= stages */
	assert_true(fs.entries - fs0.entries <= ia.plan.nstages + ic.plan.nstages);
	assert_int_equal(fs.references - fs0.references, 2 * ia.plan.nstages + ic.plan.nstages);
	assert_true(fs.bytes - fs0.bytes <= bytes);
	/* state and delay lines: the pipeline's region */
	assert_true(vregion_contains(ra, ia.state));
	assert_true(vregion_contains(ra, ia.delay));
	assert_true(vregion_contains(rb, ib.delay));
	assert_false(vregion_contains(ra, ib.delay));

	run_all(&a);
	stop(&a);
	assert_int_equal(fw_pipeline_delete(fw, 1), 0);
	assert_int_equal(fast_get_stats(fg, &fs), 0);
	assert_int_equal(fs.references - fs0.references, ia.plan.nstages + ic.plan.nstages);
	run_all(&b);
	assert_true(src_rig_check(&b) > 8000);
	run_all(&c);
	assert_true(src_rig_check(&c) > 2800);
	assert_int_equal(fw_delete(fw), 0);
	assert_int_equal(fast_get_stats(fg = NULL, &fs), -EINVAL);
	src_rig_free(&a);
	src_rig_free(&b);
	src_rig_free(&c);
	mh_baseline_check(&base);
}

/*
 * SRC2 and SRC3: stop -> reset -> start cycles. Every cycle produces the
 * same, correct output as the first (SOF produced nothing after a reset),
 * and neither prepare nor reset nor processing changes the region by one
 * byte (SOF leaked stage copies and table references at every prepare).
 */
static void cycles(uint32_t fs_in, uint32_t fs_out, uint32_t ch)
{
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	struct src_rig r;
	src_rig_build(&r, fw, 1, 65536, fs_in, fs_out, ch, MODULE_DOMAIN_LL, 0, fs_in / 10);
	struct vregion_stats built = mh_ppl_stats(fw, 1);
	size_t heap0, res0 = mod_resource_count(src_rig_module(&r));
	assert_int_equal(mod_heap_usage(src_rig_module(&r), &heap0, NULL), 0);
	struct fast_get_stats fs0;
	assert_int_equal(fast_get_stats(fw_fast_get_cache(fw), &fs0), 0);
	size_t first = 0;
	int32_t *first_out = malloc(r.cap * ch * sizeof(int32_t));
	for (int cycle = 0; cycle < 5; cycle++) {
		src_rig_rewind(&r);
		assert_int_equal(fw_pipeline_set_state(fw, 1, FW_PPL_STATE_RUNNING), 0);
		struct vregion_stats st = mh_ppl_stats(fw, 1); /* prepare ran */
		assert_int_equal(st.lifetime_used, built.lifetime_used);
		assert_int_equal(st.interim_used, built.interim_used);
		assert_int_equal(st.interim_live_blocks, built.interim_live_blocks);
		run_all(&r);
		size_t n = src_rig_check(&r);
		if (cycle == 0) {
			first = n;
			memcpy(first_out, r.out, n * ch * sizeof(int32_t));
			assert_true(n > 0);
		} else {
			assert_int_equal(n, first);
			assert_memory_equal(r.out, first_out, n * ch * sizeof(int32_t));
		}
		stop(&r);
		st = mh_ppl_stats(fw, 1);
		assert_int_equal(st.lifetime_used, built.lifetime_used);
		assert_int_equal(st.interim_used, built.interim_used);
		assert_int_equal(st.interim_live_blocks, built.interim_live_blocks);
		size_t heap;
		assert_int_equal(mod_heap_usage(src_rig_module(&r), &heap, NULL), 0);
		assert_int_equal(heap, heap0);
		assert_int_equal(mod_resource_count(src_rig_module(&r)), res0);
		struct fast_get_stats fs;
		assert_int_equal(fast_get_stats(fw_fast_get_cache(fw), &fs), 0);
		assert_int_equal(fs.references, fs0.references);
	}
	struct src_module_info info;
	assert_int_equal(src_module_get_info(src_rig_module(&r), &info), 0);
	assert_int_equal(info.resets, 5);
	free(first_out);
	assert_int_equal(fw_delete(fw), 0);
	src_rig_free(&r);
	mh_baseline_check(&base);
}

static void test_src2_src3_stop_reset_start(void **state)
{
	(void)state;
	cycles(44100, 48000, 2);
	cycles(48000, 16000, 2);
	cycles(22050, 8000, 1);
}

/*
 * SRC1: every rate pair and every channel count through the module. The
 * delay lines are allocated at exactly the plan's size, the engine is told
 * that size, and in the sanitizer build the region poisons every byte past
 * an allocation, so any write beyond them fails the run. Also records the
 * largest region use (docs/modules.md).
 */
static void test_src1_every_pair_and_channel_count(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	size_t max_life[9] = { 0 }, max_delay[9] = { 0 };
	for (size_t a = 0; a < NRATES; a++) {
		for (size_t b = 0; b < NRATES; b++) {
			for (uint32_t ch = 1; ch <= 8; ch++) {
				struct fw_instance *fw = mh_fw_new();
				struct src_rig r;
				/* enough input to fill and recycle every delay line */
				struct vr_src_plan pl;
				assert_int_equal(vr_src_plan(&pl, rates[a], rates[b], ch), 0);
				size_t frames = pl.delay_bytes_per_channel / 4 + 256;
				if (frames < rates[a] / 200)
					frames = rates[a] / 200;
				src_rig_build(&r, fw, 1, 196608, rates[a], rates[b], ch,
					      MODULE_DOMAIN_LL, 0, frames);
				struct src_module_info info;
				assert_int_equal(src_module_get_info(src_rig_module(&r), &info), 0);
				size_t heap;
				assert_int_equal(mod_heap_usage(src_rig_module(&r), &heap, NULL), 0);
				/* exact: delay lines charged as the plan says, to the granule */
				assert_true(info.plan.delay_bytes <= heap);
				run_all(&r);
				src_rig_check(&r);
				if (heap > max_life[ch])
					max_life[ch] = heap;
				if (info.plan.delay_bytes > max_delay[ch])
					max_delay[ch] = info.plan.delay_bytes;
				assert_int_equal(fw_delete(fw), 0);
				src_rig_free(&r);
			}
		}
	}
	for (uint32_t ch = 1; ch <= 8; ch *= 2)
		print_message("SRC %u ch: largest mod_alloc use %zu bytes (delay lines %zu)\n", ch,
			      max_life[ch], max_delay[ch]);
	mh_baseline_check(&base);
}

/* Refused configurations leave nothing behind. */
static void test_bad_configs_refused(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	assert_int_equal(fw_pipeline_new(fw, 1, 0, 65536), 0);
	struct vregion_stats st0 = mh_ppl_stats(fw, 1);
	struct fast_get_stats fs0;
	assert_int_equal(fast_get_stats(fw_fast_get_cache(fw), &fs0), 0);
	uint8_t cfg[64];
	struct {
		uint32_t in, out, ch;
		enum copier_sample_fmt f;
	} bad[] = {
		{ 50000, 48000, 2, COPIER_S32 }, /* rate outside the matrix */
		{ 48000, 18900, 2, COPIER_S32 },
		{ 48000, 44100, 2, COPIER_S16 }, /* not Q1.31 */
		{ 48000, 44100, 2, COPIER_S24_4LE },
		{ 48000, 44100, 2, COPIER_FLOAT },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ipc4_audio_fmt f = mh_fmt(bad[i].in, bad[i].ch, bad[i].f);
		size_t n = mh_src_cfg(cfg, sizeof(cfg), &f, bad[i].out);
		struct fw_module_params p = mh_params(3, 0, 1, MODULE_DOMAIN_LL, cfg, n);
		assert_int_equal(fw_module_new(fw, &p, NULL), -EINVAL);
	}
	struct ipc4_audio_fmt f = mh_fmt(48000, 2, COPIER_S32);
	size_t n = mh_src_cfg(cfg, sizeof(cfg), &f, 44100);
	struct fw_module_params p = mh_params(3, 0, 1, MODULE_DOMAIN_LL, cfg, n - 4);
	assert_int_equal(fw_module_new(fw, &p, NULL), -EINVAL);
	struct fast_get_stats fs;
	assert_int_equal(fast_get_stats(fw_fast_get_cache(fw), &fs), 0);
	assert_int_equal(fs.references, fs0.references);
	assert_int_equal(mh_ppl_stats(fw, 1).use_count, st0.use_count);
	assert_int_equal(src_module_get_info(NULL, NULL), -EINVAL);
	assert_int_equal(fw_delete(fw), 0);
	mh_baseline_check(&base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ll_matches_engine),
		cmocka_unit_test(test_coefficients_shared_across_pipelines),
		cmocka_unit_test(test_src2_src3_stop_reset_start),
		cmocka_unit_test(test_src1_every_pair_and_channel_count),
		cmocka_unit_test(test_bad_configs_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
