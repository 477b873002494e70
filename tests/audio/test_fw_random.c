/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Random sequences of firmware-instance calls (create/delete pipelines and
 * LL/DP modules, bind/unbind, every state target, configuration, LL
 * periods), legal and illegal alike. After every call: each context's
 * region reference count equals its holders, every buffer's ends point back
 * at it; at the end the instance is deleted and regions, contexts and
 * system-heap blocks are back to their baseline.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <vregion/audio/buffer.h>
#include <vregion/audio/fw.h>

#include "audio_test.h"
#include "tmod.h"

static uint32_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 1664525u + 1013904223u;
	return (rng_state >> 8) % n;
}

static void check_ctx(struct audio_ctx *ctx)
{
	struct vregion *vr = audio_ctx_region(ctx);
	assert_true(audio_ctx_holders(ctx) >= 1);
	if (vr)
		assert_int_equal(region_stats(vr).use_count, audio_ctx_holders(ctx));
}

static bool check_pipeline(struct pipeline *p, void *arg)
{
	(void)arg;
	check_ctx(pipeline_ctx(p));
	return false;
}

static bool check_module(struct processing_module *m, void *arg)
{
	(*(size_t *)arg)++;
	check_ctx(m->res.ctx);
	for (uint32_t i = 0; i < MODULE_MAX_PINS; i++) {
		if (m->sources[i]) {
			assert_ptr_equal(m->sources[i]->sink, m);
			assert_int_equal(m->sources[i]->sink_pin, i);
			check_ctx(m->sources[i]->ctx);
		}
		if (m->sinks[i]) {
			assert_ptr_equal(m->sinks[i]->source, m);
			assert_int_equal(m->sinks[i]->source_pin, i);
		}
	}
	return false;
}

static void check_all(struct fw_instance *fw)
{
	size_t modules = 0;
	assert_true(fw_foreach_pipeline(fw, check_pipeline, NULL) >= 0);
	assert_true(fw_foreach_module(fw, check_module, &modules) >= 0);
	struct fw_counts c;
	assert_int_equal(fw_get_counts(fw, &c), 0);
	assert_int_equal(c.modules, modules);
}

static void one_op(struct fw_instance *fw)
{
	static const size_t heaps[] = { 0, 16384, 65536 };
	uint32_t inst = rnd(10), other = rnd(10), ppl = rnd(4);
	int ret;
	switch (rnd(12)) {
	case 0:
		ret = fw_pipeline_new(fw, ppl, rnd(3), heaps[rnd(3)]);
		assert_true(ret == 0 || ret == -EEXIST);
		break;
	case 1:
		ret = fw_pipeline_delete(fw, ppl);
		assert_true(ret == 0 || ret == -ENOENT || ret == -EBUSY);
		break;
	case 2:
	case 3: {
		static const struct tmod_init scratch = { TMOD_SCRATCH, 0 };
		struct fw_module_params prm = tmod_params(inst, rnd(5) ? ppl : FW_NO_PIPELINE,
							  rnd(4) ? MODULE_DOMAIN_LL : MODULE_DOMAIN_DP,
							  &scratch);
		ret = fw_module_new(fw, &prm, NULL);
		assert_true(ret == 0 || ret == -EEXIST || ret == -ENOENT);
		break;
	}
	case 4:
		ret = fw_module_delete(fw, TMOD_ID, inst);
		assert_true(ret == 0 || ret == -ENOENT || ret == -EBUSY);
		break;
	case 5:
	case 6:
	case 7:
		ret = fw_bind(fw, TMOD_ID, inst, rnd(2), TMOD_ID, other, rnd(2));
		assert_true(ret == 0 || ret == -ENOENT || ret == -EINVAL || ret == -EBUSY);
		break;
	case 8:
		ret = fw_unbind(fw, TMOD_ID, inst, rnd(2), TMOD_ID, other, rnd(2));
		assert_true(ret == 0 || ret == -ENOENT);
		break;
	case 9:
	case 10: {
		uint32_t before = 0, after = 0;
		bool exists = fw_pipeline_get_state(fw, ppl, &before) == 0;
		ret = fw_pipeline_set_state(fw, ppl, rnd(7));
		assert_true(ret == 0 || ret == -ENOENT || ret == -EINVAL);
		if (exists && ret) {
			assert_int_equal(fw_pipeline_get_state(fw, ppl, &after), 0);
			assert_int_equal(after, before); /* refused: nothing changed */
		}
		break;
	}
	default: {
		uint8_t cfg[48] = { (uint8_t)inst };
		ret = fw_module_set_large_config(fw, TMOD_ID, inst, 0, true, true, sizeof(cfg),
						 cfg, sizeof(cfg));
		assert_true(ret == 0 || ret == -ENOENT);
		assert_true(fw_ll_run(fw, rnd(20), false) >= 0);
		break;
	}
	}
}

static void test_random_sequences(void **state)
{
	(void)state;
	for (uint32_t seed = 1; seed <= 8; seed++) {
		struct baseline b = baseline_take();
		rng_state = seed;
		struct fw_instance *fw = fw_new(NULL);
		assert_non_null(fw);
		assert_int_equal(fw_register_module_type(fw, &tmod_type), 0);
		for (int op = 0; op < 1000; op++) {
			one_op(fw);
			check_all(fw);
		}
		assert_int_equal(fw_delete(fw), 0);
		baseline_check(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_sequences),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
