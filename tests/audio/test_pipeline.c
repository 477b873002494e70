/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Pipelines with LL modules: regions and contexts, completion, buffers,
 * the state machine, configuration, teardown in every order, and the
 * regressions P1-P3, M3-M7 (M2 with DP modules is in test_dp.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <vregion/audio/buffer.h>
#include <vregion/audio/fast_get.h>
#include <vregion/audio/fw.h>
#include <vregion/fault.h>

#include "audio_test.h"
#include "tmod.h"
#include "fw_fixture.h"

static struct processing_module *add(struct fx *f, uint32_t inst, uint32_t ppl)
{
	struct fw_module_params prm = tmod_params(inst, ppl, MODULE_DOMAIN_LL, NULL);
	struct processing_module *m = NULL;
	assert_int_equal(fw_module_new(f->fw, &prm, &m), 0);
	assert_non_null(m);
	return m;
}

static void bind(struct fx *f, uint32_t a, uint32_t b)
{
	assert_int_equal(fw_bind(f->fw, TMOD_ID, a, 0, TMOD_ID, b, 0), 0);
}

static uint32_t state_of(struct fx *f, uint32_t ppl)
{
	uint32_t s = 0;
	assert_int_equal(fw_pipeline_get_state(f->fw, ppl, &s), 0);
	return s;
}

/* gen(a) -> copy(b) -> check(c) in pipeline ppl */
static void chain3(struct fx *f, uint32_t ppl, uint32_t a)
{
	add(f, a, ppl);
	add(f, a + 1, ppl);
	add(f, a + 2, ppl);
	bind(f, a, a + 1);
	bind(f, a + 1, a + 2);
}

static void test_registry(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_register_module_type(f->fw, &tmod_type), -EEXIST);
	assert_int_equal(fw_register_module_type(f->fw, NULL), -EINVAL);
	assert_ptr_equal(fw_find_module_type(f->fw, TMOD_ID), &tmod_type);
	assert_null(fw_find_module_type(f->fw, 1));
	struct fw_module_params prm = tmod_params(0, FW_NO_PIPELINE, MODULE_DOMAIN_LL, NULL);
	prm.module_id = 1;
	assert_int_equal(fw_module_new(f->fw, &prm, NULL), -ENOENT);
	prm = tmod_params(0, 9, MODULE_DOMAIN_LL, NULL);
	assert_int_equal(fw_module_new(f->fw, &prm, NULL), -ENOENT); /* no pipeline 9 */
	prm = tmod_params(0, FW_NO_PIPELINE, (enum module_domain)7, NULL);
	assert_int_equal(fw_module_new(f->fw, &prm, NULL), -EINVAL);
	add(f, 0, FW_NO_PIPELINE);
	prm = tmod_params(0, FW_NO_PIPELINE, MODULE_DOMAIN_LL, NULL);
	assert_int_equal(fw_module_new(f->fw, &prm, NULL), -EEXIST);
	assert_non_null(fw_module_find(f->fw, TMOD_ID, 0));
	assert_null(fw_module_find(f->fw, TMOD_ID, 1));
}

/* 11.7.6: create with and without a region; the pipeline object is its first lifetime object. */
static void test_pipeline_object_in_region(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 65536), 0);
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 0), -EEXIST);
	assert_int_equal(fw_pipeline_new(f->fw, 2, 0, 0), 0);
	struct pipeline *p1 = fw_pipeline_find(f->fw, 1), *p2 = fw_pipeline_find(f->fw, 2);
	assert_non_null(p1);
	assert_non_null(p2);
	struct vregion *vr = pipeline_region(p1);
	assert_non_null(vr);
	assert_true(vregion_contains(vr, p1));
	struct vregion_stats st = region_stats(vr);
	assert_int_equal(st.size, 65536);
	assert_int_equal(st.mode, VREGION_MEM_TYPE_LIFETIME);
	assert_true(st.lifetime_used >= sizeof(*p1));
	assert_int_equal(st.use_count, 1);
	assert_null(pipeline_region(p2));
	assert_true(sys_heap_contains(p2));
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_UNINITIALIZED);
	assert_int_equal(fw_pipeline_delete(f->fw, 1), 0);
	assert_int_equal(fw_pipeline_delete(f->fw, 1), -ENOENT);
	assert_null(fw_pipeline_find(f->fw, 1));
}

/*
 * 11.7.6: create -> complete (interim) -> add a module after completion (its
 * memory is interim, lifetime does not move) -> free in IPC order, the
 * region's count reaching 0 with the last holder.
 */
static void test_module_added_after_complete(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 32768), 0);
	struct pipeline *p = fw_pipeline_find(f->fw, 1);
	struct vregion *vr = pipeline_region(p);
	add(f, 0, 1);
	add(f, 1, 1);
	bind(f, 0, 1);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	struct vregion_stats st0 = region_stats(vr);
	struct processing_module *late = add(f, 2, 1);
	struct vregion_stats st1 = region_stats(vr);
	assert_int_equal(st1.lifetime_used, st0.lifetime_used);
	assert_true(st1.interim_used > st0.interim_used);
	assert_true(vregion_contains(vr, late));
	assert_int_equal(fw_bind(f->fw, TMOD_ID, 1, 1, TMOD_ID, 2, 0), 0);
	assert_int_equal(st1.use_count + 1, region_stats(vr).use_count);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(fw_ll_run(f->fw, 100, false), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	assert_int_equal(fw_module_delete(f->fw, TMOD_ID, 2), 0);
	struct vregion_stats st2 = region_stats(vr);
	assert_int_equal(st2.interim_used, st0.interim_used); /* all of it came back */
	assert_int_equal(st2.use_count, st0.use_count);
	size_t regions = vregion_live_count();
	assert_int_equal(fw_pipeline_delete(f->fw, 1), 0);
	assert_int_equal(vregion_live_count(), regions - 1);
}

/* P3: the pipeline region is capped like a DP region; a region that cannot be made fails. */
static void test_p3_pipeline_heap_cap(void **state)
{
	struct fx *f = *state;
	struct baseline b = baseline_take();
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, FW_MAX_HEAP_BYTES + 1), -EINVAL);
	struct pipeline *p = NULL;
	assert_int_equal(pipeline_new(1, 0, FW_MAX_HEAP_BYTES + 1, &p), -EINVAL);
	assert_null(p);
	vr_fault_arm(VR_FAULT_MASK(VR_FAULT_REGION), 1);
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 8192), -ENOMEM);
	vr_fault_arm(0, 0);
	int ret = fw_pipeline_new(f->fw, 3, 0, FW_MAX_HEAP_BYTES); /* exactly 64 MiB: not refused */
	assert_true(ret == 0 || ret == -ENOMEM);
	if (!ret)
		assert_int_equal(fw_pipeline_delete(f->fw, 3), 0);
	baseline_check(&b);
}

/* Every failure point of pipeline creation leaves nothing. */
static void test_pipeline_new_failures(void **state)
{
	struct fx *f = *state;
	struct baseline b = baseline_take();
	for (unsigned long n = 1;; n++) {
		vr_fault_arm(VR_FAULT_ALL, n);
		int ret = fw_pipeline_new(f->fw, 1, 0, 16384);
		bool fired = vr_fault_fired();
		vr_fault_arm(0, 0);
		if (!fired) {
			assert_int_equal(ret, 0);
			assert_int_equal(fw_pipeline_delete(f->fw, 1), 0);
			break;
		}
		assert_int_equal(ret, -ENOMEM);
		baseline_check(&b);
	}
	baseline_check(&b);
}

/* P1: a pipeline without a region (and a NULL one) is freed without a crash. */
static void test_p1_free_without_region(void **state)
{
	(void)state;
	struct baseline b = baseline_take();
	struct pipeline *p = NULL;
	assert_int_equal(pipeline_new(4, 1, 0, &p), 0);
	assert_null(pipeline_region(p));
	assert_non_null(pipeline_ctx(p));
	pipeline_free(p);
	pipeline_free(NULL);
	/* SOF's pipeline_free test: a pipeline built by hand, no context at all. */
	struct pipeline by_hand = { .id = 7, .status = PPL_STATUS_READY };
	pipeline_free(&by_hand);
	baseline_check(&b);
}

/* P2: the pipeline goes first; a holder of its context keeps using it safely. */
static void test_p2_pipeline_freed_before_holder(void **state)
{
	(void)state;
	struct baseline b = baseline_take();
	struct pipeline *p = NULL;
	assert_int_equal(pipeline_new(4, 1, 32768, &p), 0);
	struct audio_ctx *ctx = audio_ctx_hold(pipeline_ctx(p)); /* as an LL module does */
	struct vregion *vr = audio_ctx_region(ctx);
	assert_int_equal(region_stats(vr).use_count, 2);
	assert_int_equal(audio_ctx_holders(ctx), 2);
	pipeline_free(p);
	assert_int_equal(audio_ctx_holders(ctx), 1);
	assert_int_equal(region_stats(vr).use_count, 1);
	assert_int_equal(vregion_live_count(), b.regions + 1);
	void *q = sof_ctx_alloc(ctx->core, SOF_MEM_FLAG_USER, 100, 0);
	assert_non_null(q);
	assert_true(vregion_contains(vr, q));
	assert_int_equal(sof_ctx_free(ctx->core, q), 0);
	audio_ctx_release(ctx);
	baseline_check(&b);
}

/* LL modules share the pipeline's context object, each with its own region reference. */
static void test_ll_modules_share_pipeline_context(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 65536), 0);
	struct pipeline *p = fw_pipeline_find(f->fw, 1);
	struct processing_module *a = add(f, 0, 1), *b = add(f, 1, 1);
	assert_ptr_equal(a->res.ctx, pipeline_ctx(p));
	assert_ptr_equal(b->res.ctx, pipeline_ctx(p));
	struct vregion *vr = pipeline_region(p);
	assert_int_equal(region_stats(vr).use_count, 3);
	assert_int_equal(audio_ctx_holders(pipeline_ctx(p)), 3);
	assert_true(vregion_contains(vr, a));
	assert_true(vregion_contains(vr, tmod_priv(a)->state));
	bind(f, 0, 1);
	/* the buffer holds one more (ring deferred until complete: M7) */
	assert_int_equal(region_stats(vr).use_count, 4);
	assert_int_equal(audio_ctx_holders(pipeline_ctx(p)), 4);
	assert_int_equal(fw_module_delete(f->fw, TMOD_ID, 0), 0);
	assert_int_equal(region_stats(vr).use_count, 2); /* module and its buffer gone */
	assert_null(b->sources[0]);
}

/* M6: where each kind of module allocates - no heap is silently substituted. */
static void test_m6_allocation_routing(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 65536), 0);
	assert_int_equal(fw_pipeline_new(f->fw, 2, 0, 0), 0);
	struct processing_module *in_region = add(f, 0, 1);
	struct processing_module *in_heap = add(f, 1, 2);
	struct processing_module *alone = add(f, 2, FW_NO_PIPELINE);
	struct vregion *vr = pipeline_region(fw_pipeline_find(f->fw, 1));
	void *p = mod_alloc(in_region, 64), *q = mod_alloc(in_heap, 64), *r = mod_alloc(alone, 64);
	assert_true(vregion_contains(vr, p));
	assert_true(sys_heap_contains(q));
	assert_true(sys_heap_contains(r));
	assert_ptr_equal(in_heap->res.ctx, pipeline_ctx(fw_pipeline_find(f->fw, 2)));
	assert_ptr_not_equal(alone->res.ctx, in_heap->res.ctx);
	assert_int_equal(mod_free(in_region, q), -ENOENT); /* not its own */
	assert_int_equal(mod_free(in_region, p), 0);
	assert_int_equal(mod_free(in_heap, q), 0);
	assert_int_equal(mod_free(alone, r), 0);
}

/* M5: a module whose init fails halfway releases only its own hold. */
static void test_m5_init_fails_halfway(void **state)
{
	struct fx *f = *state;
	for (size_t heap = 0; heap <= 65536; heap += 65536) {
		assert_int_equal(fw_pipeline_new(f->fw, 1, 0, heap), 0);
		struct pipeline *p = fw_pipeline_find(f->fw, 1);
		/* A good module comes and goes first: nothing of it may stay. */
		add(f, 9, 1);
		assert_int_equal(fw_module_delete(f->fw, TMOD_ID, 9), 0);
		struct baseline b = baseline_take();
		struct tmod_init bad = { TMOD_FAIL_INIT, 1000 };
		struct fw_module_params prm = tmod_params(5, 1, MODULE_DOMAIN_LL, &bad);
		struct fast_get_stats fs;
		assert_int_equal(fw_module_new(f->fw, &prm, NULL), -EIO);
		baseline_check(&b);
		assert_null(fw_module_find(f->fw, TMOD_ID, 5));
		assert_int_equal(audio_ctx_holders(pipeline_ctx(p)), 1);
		if (heap)
			assert_int_equal(region_stats(pipeline_region(p)).use_count, 1);
		assert_int_equal(fast_get_stats(fw_fast_get_cache(f->fw), &fs), 0);
		assert_int_equal(fs.entries, 0);
		/* The pipeline still works afterwards. */
		chain3(f, 1, 0);
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), -EINVAL);
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
		assert_int_equal(fw_ll_run(f->fw, 100, false), 0);
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
		assert_int_equal(fw_pipeline_delete(f->fw, 1), 0);
		struct fw_counts c;
		assert_int_equal(fw_get_counts(f->fw, &c), 0);
		assert_int_equal(c.modules + c.buffers + c.pipelines, 0);
	}
}

/* Module creation under every allocation failure leaves nothing behind. */
static void test_module_new_failures(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 65536), 0);
	struct pipeline *p = fw_pipeline_find(f->fw, 1);
	for (unsigned long n = 1;; n++) {
		struct fw_module_params prm = tmod_params(0, 1, MODULE_DOMAIN_LL, NULL);
		vr_fault_arm(VR_FAULT_ALL, n);
		int ret = fw_module_new(f->fw, &prm, NULL);
		bool fired = vr_fault_fired();
		vr_fault_arm(0, 0);
		if (!fired) {
			assert_int_equal(ret, 0);
			break;
		}
		assert_int_not_equal(ret, 0);
		assert_null(fw_module_find(f->fw, TMOD_ID, 0));
		assert_int_equal(audio_ctx_holders(pipeline_ctx(p)), 1);
		assert_int_equal(region_stats(pipeline_region(p)).use_count, 1);
	}
}

/* M7 + P3: rings are interim memory in the pipeline's region; unbind gives them back. */
static void test_m7_buffers_are_interim(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 65536), 0);
	struct pipeline *p = fw_pipeline_find(f->fw, 1);
	struct vregion *vr = pipeline_region(p);
	struct processing_module *a = add(f, 0, 1);
	add(f, 1, 1);
	size_t lifetime = region_stats(vr).lifetime_used;
	/* Bind/unbind cycles before completion cost no lifetime memory. */
	for (int i = 0; i < 20; i++) {
		bind(f, 0, 1);
		assert_false(buffer_has_ring(a->sinks[0]));
		assert_int_equal(fw_unbind(f->fw, TMOD_ID, 0, 0, TMOD_ID, 1, 0), 0);
	}
	assert_int_equal(region_stats(vr).lifetime_used, lifetime);
	bind(f, 0, 1);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	struct vregion_stats st = region_stats(vr);
	assert_int_equal(st.mode, VREGION_MEM_TYPE_INTERIM);
	assert_int_equal(st.lifetime_used, lifetime);
	struct comp_buffer *b = a->sinks[0];
	assert_true(buffer_has_ring(b));
	assert_true(vregion_contains(vr, b->data)); /* LL->LL ring in the pipeline region */
	assert_int_equal(b->size, 2 * TMOD_PERIOD_BYTES);
	size_t interim_with = st.interim_used;
	assert_int_equal(fw_unbind(f->fw, TMOD_ID, 0, 0, TMOD_ID, 1, 0), 0);
	assert_true(region_stats(vr).interim_used < interim_with);
	for (int i = 0; i < 20; i++) {
		bind(f, 0, 1);
		assert_int_equal(region_stats(vr).interim_used, interim_with);
		assert_int_equal(fw_unbind(f->fw, TMOD_ID, 0, 0, TMOD_ID, 1, 0), 0);
	}
	assert_int_equal(region_stats(vr).lifetime_used, lifetime);
}

static void test_bind_errors(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 0), 0);
	add(f, 0, 1);
	add(f, 1, 1);
	assert_int_equal(fw_bind(f->fw, TMOD_ID, 0, 0, TMOD_ID, 9, 0), -ENOENT);
	assert_int_equal(fw_bind(f->fw, TMOD_ID, 0, 8, TMOD_ID, 1, 0), -EINVAL);
	assert_int_equal(fw_bind(f->fw, TMOD_ID, 0, 0, TMOD_ID, 0, 1), -EINVAL);
	bind(f, 0, 1);
	assert_int_equal(fw_bind(f->fw, TMOD_ID, 0, 0, TMOD_ID, 1, 1), -EBUSY);
	assert_int_equal(fw_unbind(f->fw, TMOD_ID, 0, 0, TMOD_ID, 1, 1), -ENOENT);
	assert_int_equal(fw_unbind(f->fw, TMOD_ID, 1, 0, TMOD_ID, 0, 0), -ENOENT);
	assert_int_equal(fw_unbind(f->fw, TMOD_ID, 0, 9, TMOD_ID, 1, 0), -ENOENT);
	struct fw_counts c;
	assert_int_equal(fw_get_counts(f->fw, &c), 0);
	assert_int_equal(c.buffers, 1);
}

/* Bind hooks run source first; a refusing sink undoes the bind; unbind and deletion run them too. */
static void test_bind_hooks(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 65536), 0);
	struct processing_module *a = add(f, 0, 1), *b = add(f, 1, 1);
	struct tmod_init refuse = { TMOD_FAIL_BIND, 0 };
	struct fw_module_params prm = tmod_params(2, 1, MODULE_DOMAIN_LL, &refuse);
	struct processing_module *c = NULL;
	assert_int_equal(fw_module_new(f->fw, &prm, &c), 0);
	struct audio_ctx *ctx = pipeline_ctx(fw_pipeline_find(f->fw, 1));
	unsigned int holders = audio_ctx_holders(ctx);
	assert_int_equal(fw_bind(f->fw, TMOD_ID, 0, 0, TMOD_ID, 2, 0), -EPIPE);
	assert_null(a->sinks[0]);
	assert_null(c->sources[0]);
	assert_int_equal(tmod_priv(a)->binds, 1);
	assert_int_equal(tmod_priv(a)->unbinds, 1); /* the undo tells the source */
	assert_int_equal(audio_ctx_holders(ctx), holders);
	struct fw_counts n;
	assert_int_equal(fw_get_counts(f->fw, &n), 0);
	assert_int_equal(n.buffers, 0);
	bind(f, 0, 1);
	assert_int_equal(tmod_priv(a)->binds, 2);
	assert_int_equal(tmod_priv(b)->binds, 1);
	assert_int_equal(fw_unbind(f->fw, TMOD_ID, 0, 0, TMOD_ID, 1, 0), 0);
	assert_int_equal(tmod_priv(a)->unbinds, 2);
	assert_int_equal(tmod_priv(b)->unbinds, 1);
	bind(f, 0, 1);
	assert_int_equal(fw_module_delete(f->fw, TMOD_ID, 0), 0);
	assert_int_equal(tmod_priv(b)->unbinds, 2); /* the surviving peer is told */
	assert_null(b->sources[0]);
}

/* Binding under every allocation failure: refused cleanly, or done. */
static void test_bind_failures(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 65536), 0);
	struct processing_module *a = add(f, 0, 1);
	add(f, 1, 1);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0); /* rings now */
	struct audio_ctx *ctx = pipeline_ctx(fw_pipeline_find(f->fw, 1));
	struct vregion_stats st0 = region_stats(audio_ctx_region(ctx));
	for (unsigned long n = 1;; n++) {
		vr_fault_arm(VR_FAULT_ALL, n);
		int ret = fw_bind(f->fw, TMOD_ID, 0, 0, TMOD_ID, 1, 0);
		bool fired = vr_fault_fired();
		vr_fault_arm(0, 0);
		if (!fired) {
			assert_int_equal(ret, 0);
			break;
		}
		assert_int_equal(ret, -ENOMEM);
		assert_null(a->sinks[0]);
		assert_int_equal(audio_ctx_holders(ctx), 3);
		struct vregion_stats st = region_stats(audio_ctx_region(ctx));
		assert_int_equal(st.interim_used, st0.interim_used);
		assert_int_equal(st.use_count, 3);
	}
	assert_non_null(a->sinks[0]);
}

/* Completion that cannot make a ring fails, stays INIT, and succeeds on a retry. */
static void test_complete_failure_and_retry(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 65536), 0);
	add(f, 0, 1);
	add(f, 1, 1);
	bind(f, 0, 1);
	vr_fault_arm(VR_FAULT_MASK(VR_FAULT_REGION), 1);
	int ret = fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED);
	vr_fault_arm(0, 0);
	assert_int_equal(ret, -EINVAL); /* IPC4: completion failed -> INVALID_REQUEST */
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_UNINITIALIZED);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), -EINVAL);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(fw_ll_run(f->fw, 50, false), 0);
	assert_int_equal(tmod_priv(fw_module_find(f->fw, TMOD_ID, 1))->bad, 0);
	assert_true(tmod_priv(fw_module_find(f->fw, TMOD_ID, 1))->checked > 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
}

/* The state machine of ipc4-subset section 9, transition by transition. */
static void test_state_machine(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 65536), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 9, FW_PPL_STATE_RESET), -ENOENT);
	/* An empty pipeline cannot complete: it stays INIT. */
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), -EINVAL);
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_UNINITIALIZED);
	chain3(f, 1, 0);
	struct processing_module *gen = fw_module_find(f->fw, TMOD_ID, 0);
	struct vregion *vr = pipeline_region(fw_pipeline_find(f->fw, 1));
	static const uint32_t bad_targets[] = { 0, 1, 6, 7, 8, 1000 };
	for (size_t i = 0; i < sizeof(bad_targets) / sizeof(bad_targets[0]); i++)
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, bad_targets[i]), -EINVAL);
	/* RUNNING and EOS from INIT are illegal and change nothing. */
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), -EINVAL);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_EOS), -EINVAL);
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_UNINITIALIZED);
	assert_int_equal(region_stats(vr).mode, VREGION_MEM_TYPE_LIFETIME);
	/* PAUSED from INIT completes (interim) without preparing. */
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_RESET);
	assert_int_equal(region_stats(vr).mode, VREGION_MEM_TYPE_INTERIM);
	assert_int_equal(tmod_priv(gen)->prepares, 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_EOS), -EINVAL);
	/* RUNNING from READY prepares and starts. */
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_RUNNING);
	assert_int_equal(tmod_priv(gen)->prepares, 1);
	assert_int_equal(gen->state, COMP_STATE_ACTIVE);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(tmod_priv(gen)->prepares, 1);
	/* Modules and the pipeline are busy now. */
	assert_int_equal(fw_module_delete(f->fw, TMOD_ID, 1), -EBUSY);
	assert_int_equal(fw_pipeline_delete(f->fw, 1), -EBUSY);
	/* EOS from RUNNING; RUNNING refused while EOS; PAUSED clears it. */
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_EOS), 0);
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_EOS);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), -EINVAL);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_PAUSED);
	assert_int_equal(gen->state, COMP_STATE_PAUSED);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_EOS), -EINVAL);
	/* A paused pipeline does not run. */
	uint64_t before = tmod_priv(gen)->processed;
	assert_int_equal(fw_ll_run(f->fw, 10, false), 0);
	assert_int_equal(tmod_priv(gen)->processed, before);
	/* RUNNING from PAUSED releases (no second prepare). */
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(tmod_priv(gen)->prepares, 1);
	assert_int_equal(fw_ll_run(f->fw, 10, false), 0);
	assert_int_equal(tmod_priv(gen)->processed, before + 10);
	/* RESET from RUNNING: stop and reset. */
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_RESET);
	assert_int_equal(gen->state, COMP_STATE_READY);
	assert_int_equal(tmod_priv(gen)->resets, 1);
	/* RESET from PAUSED too. */
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(tmod_priv(gen)->prepares, 2);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	assert_int_equal(tmod_priv(gen)->resets, 2);
	assert_int_equal(fw_module_delete(f->fw, TMOD_ID, 1), 0);
	assert_int_equal(fw_pipeline_delete(f->fw, 1), 0);
}

/* A failed module prepare: -EINVAL, modules reset, pipeline READY; it can run after the fix. */
static void test_prepare_failure(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 0), 0);
	add(f, 0, 1);
	struct tmod_init bad = { TMOD_FAIL_PREPARE, 0 };
	struct fw_module_params prm = tmod_params(1, 1, MODULE_DOMAIN_LL, &bad);
	struct processing_module *m = NULL;
	assert_int_equal(fw_module_new(f->fw, &prm, &m), 0);
	bind(f, 0, 1);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), -EINVAL);
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_RESET);
	assert_int_equal(m->state, COMP_STATE_READY);
	assert_int_equal(fw_module_find(f->fw, TMOD_ID, 0)->state, COMP_STATE_READY);
	tmod_priv(m)->flags = 0;
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
}

/* A batch is checked whole before any pipeline moves; only a prepare failure stops it part way. */
static void test_batch_state(void **state)
{
	struct fx *f = *state;
	uint32_t moved = 99, ids[2] = { 1, 2 }, unknown[2] = { 1, 7 };
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 0), 0);
	assert_int_equal(fw_pipeline_new(f->fw, 2, 0, 0), 0);
	add(f, 0, 1);
	add(f, 1, 1);
	bind(f, 0, 1);
	add(f, 2, 2);
	struct tmod_init bad = { TMOD_FAIL_PREPARE, 0 };
	struct fw_module_params prm = tmod_params(3, 2, MODULE_DOMAIN_LL, &bad);
	struct processing_module *m = NULL;
	assert_int_equal(fw_module_new(f->fw, &prm, &m), 0);
	bind(f, 2, 3);
	assert_int_equal(fw_pipelines_set_state(f->fw, unknown, 2, FW_PPL_STATE_RESET, &moved),
			 -ENOENT);
	assert_int_equal(moved, 0);
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_UNINITIALIZED);
	/* RUNNING is illegal from INIT: refused before pipeline 1 is touched */
	assert_int_equal(fw_pipelines_set_state(f->fw, ids, 2, FW_PPL_STATE_RUNNING, &moved),
			 -EINVAL);
	assert_int_equal(moved, 0);
	assert_int_equal(fw_pipelines_set_state(f->fw, ids, 2, FW_PPL_STATE_RESET, &moved), 0);
	assert_int_equal(moved, 2);
	/* pipeline 2's prepare fails: pipeline 1 has moved, pipeline 2 is back to RESET */
	assert_int_equal(fw_pipelines_set_state(f->fw, ids, 2, FW_PPL_STATE_RUNNING, &moved),
			 -EINVAL);
	assert_int_equal(moved, 1);
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_RUNNING);
	assert_int_equal(state_of(f, 2), FW_PPL_STATE_RESET);
	tmod_priv(m)->flags = 0;
	assert_int_equal(fw_pipelines_set_state(f->fw, ids, 2, FW_PPL_STATE_RUNNING, NULL), 0);
	assert_int_equal(fw_pipelines_set_state(f->fw, ids, 2, FW_PPL_STATE_RESET, NULL), 0);
	assert_int_equal(fw_pipelines_set_state(NULL, ids, 2, FW_PPL_STATE_RESET, NULL), -EINVAL);
	assert_int_equal(fw_pipelines_set_state(f->fw, NULL, 1, FW_PPL_STATE_RESET, NULL), -EINVAL);
	assert_int_equal(fw_pipelines_set_state(f->fw, NULL, 0, FW_PPL_STATE_RESET, &moved), 0);
	assert_int_equal(moved, 0);
}

/* Pipelines run in priority order, modules upstream first, whatever the creation order. */
static void test_ll_order(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 5, 0), 0);
	assert_int_equal(fw_pipeline_new(f->fw, 2, 0, 0), 0);
	/* pipeline 1: created sink first */
	add(f, 12, 1);
	add(f, 11, 1);
	add(f, 10, 1);
	bind(f, 10, 11);
	bind(f, 11, 12);
	add(f, 20, 2);
	add(f, 21, 2);
	bind(f, 20, 21);
	for (uint32_t p = 1; p <= 2; p++) {
		assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_PAUSED), 0);
		assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_RUNNING), 0);
	}
	assert_int_equal(fw_ll_run_period(f->fw), 0);
	uint64_t o20 = tmod_priv(fw_module_find(f->fw, TMOD_ID, 20))->order;
	uint64_t o21 = tmod_priv(fw_module_find(f->fw, TMOD_ID, 21))->order;
	uint64_t o10 = tmod_priv(fw_module_find(f->fw, TMOD_ID, 10))->order;
	uint64_t o11 = tmod_priv(fw_module_find(f->fw, TMOD_ID, 11))->order;
	uint64_t o12 = tmod_priv(fw_module_find(f->fw, TMOD_ID, 12))->order;
	assert_true(o20 < o21 && o21 < o10 && o10 < o11 && o11 < o12);
}

/* A loop inside a pipeline cannot complete. */
static void test_loop_refused(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 0), 0);
	add(f, 0, 1);
	add(f, 1, 1);
	bind(f, 0, 1);
	assert_int_equal(fw_bind(f->fw, TMOD_ID, 1, 0, TMOD_ID, 0, 0), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), -EINVAL);
	assert_int_equal(state_of(f, 1), FW_PPL_STATE_UNINITIALIZED);
}

static void run_and_check(struct fx *f, struct processing_module *chk, unsigned long periods)
{
	uint64_t checked = tmod_priv(chk)->checked;
	assert_int_equal(fw_ll_run(f->fw, periods, false), 0);
	assert_int_equal(tmod_priv(chk)->bad, 0);
	assert_true(tmod_priv(chk)->checked > checked);
}

/*
 * Three pipelines (two with regions), thousands of periods, restarts,
 * reconfiguration: lifetime never moves after completion, interim comes
 * back to its baseline after every reset.
 */
static void test_three_pipelines_restart_reconfigure(void **state)
{
	struct fx *f = *state;
	static const size_t heaps[3] = { 65536, 0, 32768 };
	for (uint32_t p = 0; p < 3; p++) {
		assert_int_equal(fw_pipeline_new(f->fw, p, p, heaps[p]), 0);
		chain3(f, p, 10 * p);
		assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_PAUSED), 0);
	}
	struct vregion *r0 = pipeline_region(fw_pipeline_find(f->fw, 0));
	struct vregion *r2 = pipeline_region(fw_pipeline_find(f->fw, 2));
	struct vregion_stats b0 = region_stats(r0), b2 = region_stats(r2);
	uint8_t cfg[600];
	for (size_t i = 0; i < sizeof(cfg); i++)
		cfg[i] = (uint8_t)i;
	/* First configuration: its memory is the steady state. */
	assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 1, 0, true, true,
						    sizeof(cfg), cfg, sizeof(cfg)), 0);
	struct vregion_stats c0 = region_stats(r0);
	assert_true(c0.interim_used > b0.interim_used);
	for (int cycle = 0; cycle < 5; cycle++) {
		for (uint32_t p = 0; p < 3; p++)
			assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_RUNNING), 0);
		run_and_check(f, fw_module_find(f->fw, TMOD_ID, 2), 1000);
		/* reconfigure while running */
		cfg[0] = (uint8_t)cycle;
		assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 1, 0, true, true,
							    sizeof(cfg), cfg, sizeof(cfg)), 0);
		run_and_check(f, fw_module_find(f->fw, TMOD_ID, 22), 1000);
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
		run_and_check(f, fw_module_find(f->fw, TMOD_ID, 22), 100);
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
		run_and_check(f, fw_module_find(f->fw, TMOD_ID, 12), 500);
		for (uint32_t p = 0; p < 3; p++)
			assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_RESET), 0);
		struct vregion_stats s0 = region_stats(r0), s2 = region_stats(r2);
		assert_int_equal(s0.lifetime_used, b0.lifetime_used);
		assert_int_equal(s2.lifetime_used, b2.lifetime_used);
		assert_int_equal(s0.interim_used, c0.interim_used);
		assert_int_equal(s2.interim_used, b2.interim_used);
		assert_int_equal(s0.use_count, 1 + 3 + 2);
	}
	size_t got = sizeof(cfg);
	uint8_t back[600];
	assert_int_equal(fw_module_get_large_config(f->fw, TMOD_ID, 1, 0, back, &got), 0);
	assert_int_equal(got, sizeof(cfg));
	assert_memory_equal(back, cfg, sizeof(cfg));
}

/* LARGE_CONFIG_SET in fragments, reassembled in interim memory, then freed. */
static void test_large_config_fragments(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 65536), 0);
	struct processing_module *m = add(f, 0, 1);
	add(f, 1, 1);
	bind(f, 0, 1);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	struct vregion *vr = pipeline_region(fw_pipeline_find(f->fw, 1));
	uint8_t blob[5000];
	for (size_t i = 0; i < sizeof(blob); i++)
		blob[i] = (uint8_t)(i * 7);
	size_t interim0 = region_stats(vr).interim_used;
	assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 0, 3, true, false,
						    sizeof(blob), blob, 4096), 0);
	assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 0, 3, true, false,
						    sizeof(blob), blob, 4096), -EBUSY);
	assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 0, 3, false, true,
						    4096, blob + 4096, sizeof(blob) - 4096), 0);
	assert_int_equal(tmod_priv(m)->coef_size, sizeof(blob));
	assert_memory_equal(tmod_priv(m)->coef, blob, sizeof(blob));
	assert_null(m->cfg_stage);
	/* only the module's copy stays */
	assert_int_equal(mod_resource_count(m), 4); /* priv, state, table, coef */
	assert_true(region_stats(vr).interim_used > interim0);
	size_t interim1 = region_stats(vr).interim_used;
	/* errors */
	assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 0, 3, false, true,
						    0, blob, 10), -EINVAL); /* no first fragment */
	assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 0, 3, true, true,
						    FW_MAX_BLOB_BYTES + 1, blob, 10), -EINVAL);
	assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 9, 3, true, true,
						    10, blob, 10), -ENOENT);
	assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 0, 3, true, true,
						    0, NULL, 0), 0);
	/* an out-of-order middle fragment drops the transfer */
	assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 0, 3, true, false,
						    sizeof(blob), blob, 4096), 0);
	assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 0, 3, false, true,
						    100, blob, 10), -EINVAL);
	assert_null(m->cfg_stage);
	/* a fragment of another parameter, or a middle one that reaches the total */
	for (int k = 0; k < 2; k++) {
		assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 0, 3, true, false,
							    sizeof(blob), blob, 4096), 0);
		assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 0, k ? 3 : 4, false,
							    k == 0, 4096, blob + 4096,
							    sizeof(blob) - 4096), -EINVAL);
		assert_null(m->cfg_stage);
	}
	assert_int_equal(region_stats(vr).interim_used, interim1); /* every stage given back */
	size_t small = 4;
	uint8_t out[4];
	assert_int_equal(fw_module_get_large_config(f->fw, TMOD_ID, 0, 3, out, &small), -ENOSPC);
	assert_int_equal(fw_module_get_large_config(f->fw, TMOD_ID, 9, 3, out, &small), -ENOENT);
}

/* Tear down in every order; each one ends at the baseline (teardown checks). */
static void build_two(struct fx *f)
{
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 65536), 0);
	assert_int_equal(fw_pipeline_new(f->fw, 2, 1, 0), 0);
	chain3(f, 1, 0);
	chain3(f, 2, 10);
	/* cross-pipeline buffer: pipeline 1's copier also feeds pipeline 2's checker pin 1 */
	assert_int_equal(fw_bind(f->fw, TMOD_ID, 1, 1, TMOD_ID, 12, 1), 0);
	for (uint32_t p = 1; p <= 2; p++) {
		assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_PAUSED), 0);
		assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_RUNNING), 0);
	}
	assert_true(fw_ll_run(f->fw, 200, false) >= 0);
	for (uint32_t p = 1; p <= 2; p++)
		assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_RESET), 0);
}

static void test_teardown_modules_then_pipelines(void **state)
{
	struct fx *f = *state;
	build_two(f);
	static const uint32_t order[] = { 11, 0, 12, 2, 10, 1 };
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(fw_module_delete(f->fw, TMOD_ID, order[i]), 0);
	assert_int_equal(fw_pipeline_delete(f->fw, 2), 0);
	assert_int_equal(fw_pipeline_delete(f->fw, 1), 0);
}

static void test_teardown_pipelines_first(void **state)
{
	struct fx *f = *state;
	build_two(f);
	assert_int_equal(fw_pipeline_delete(f->fw, 1), 0); /* takes its modules */
	assert_int_equal(fw_pipeline_delete(f->fw, 2), 0);
}

static void test_teardown_by_instance(void **state)
{
	struct fx *f = *state;
	build_two(f);
	for (uint32_t p = 1; p <= 2; p++)
		assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_RUNNING), 0);
	/* fw_delete in the teardown stops and frees everything while running */
}

static void test_teardown_unbind_first(void **state)
{
	struct fx *f = *state;
	build_two(f);
	assert_int_equal(fw_unbind(f->fw, TMOD_ID, 1, 1, TMOD_ID, 12, 1), 0);
	assert_int_equal(fw_unbind(f->fw, TMOD_ID, 0, 0, TMOD_ID, 1, 0), 0);
	assert_int_equal(fw_pipeline_delete(f->fw, 2), 0);
	assert_int_equal(fw_pipeline_delete(f->fw, 1), 0);
}

struct walk {
	uint32_t ids[8];
	int n;
	int stop_at;
};

static bool walk_pipeline(struct pipeline *p, void *arg)
{
	struct walk *w = arg;
	w->ids[w->n++] = p->id;
	return w->n == w->stop_at;
}

static bool walk_module(struct processing_module *m, void *arg)
{
	struct walk *w = arg;
	w->ids[w->n++] = m->instance_id;
	return false;
}

/* Enumeration for reports: pipelines in run order, modules in creation order, their regions. */
static void test_enumeration(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 3, 65536), 0);
	assert_int_equal(fw_pipeline_new(f->fw, 2, 1, 0), 0);
	assert_int_equal(fw_pipeline_new(f->fw, 3, 1, 0), 0);
	struct walk w = { .stop_at = 0 };
	assert_int_equal(fw_foreach_pipeline(f->fw, walk_pipeline, &w), 3);
	assert_int_equal(w.ids[0], 2);
	assert_int_equal(w.ids[1], 3);
	assert_int_equal(w.ids[2], 1);
	w = (struct walk){ .stop_at = 2 };
	assert_int_equal(fw_foreach_pipeline(f->fw, walk_pipeline, &w), 2);
	struct processing_module *a = add(f, 5, 1), *b = add(f, 4, 2);
	w = (struct walk){ .stop_at = 0 };
	assert_int_equal(fw_foreach_module(f->fw, walk_module, &w), 2);
	assert_int_equal(w.ids[0], 5);
	assert_int_equal(w.ids[1], 4);
	assert_ptr_equal(fw_module_region(a), pipeline_region(fw_pipeline_find(f->fw, 1)));
	assert_null(fw_module_region(b));
	assert_null(fw_module_region(NULL));
	assert_int_equal(fw_foreach_module(NULL, walk_module, &w), -EINVAL);
}

/* Two instances side by side share nothing. */
static void test_two_instances(void **state)
{
	struct fx *f = *state;
	struct fw_instance *other = fw_new(NULL);
	assert_non_null(other);
	assert_int_equal(fw_register_module_type(other, &tmod_type), 0);
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 0), 0);
	assert_int_equal(fw_pipeline_new(other, 1, 0, 0), 0);
	assert_null(fw_module_find(other, TMOD_ID, 0));
	add(f, 0, 1);
	assert_null(fw_module_find(other, TMOD_ID, 0));
	assert_int_equal(fw_delete(other), 0);
}

#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_registry),
		T(test_pipeline_object_in_region),
		T(test_p3_pipeline_heap_cap),
		T(test_pipeline_new_failures),
		T(test_p1_free_without_region),
		T(test_p2_pipeline_freed_before_holder),
		T(test_ll_modules_share_pipeline_context),
		T(test_module_added_after_complete),
		T(test_m6_allocation_routing),
		T(test_m5_init_fails_halfway),
		T(test_module_new_failures),
		T(test_m7_buffers_are_interim),
		T(test_bind_errors),
		T(test_bind_hooks),
		T(test_bind_failures),
		T(test_complete_failure_and_retry),
		T(test_state_machine),
		T(test_prepare_failure),
		T(test_ll_order),
		T(test_loop_refused),
		T(test_three_pipelines_restart_reconfigure),
		T(test_large_config_fragments),
		T(test_batch_state),
		T(test_teardown_modules_then_pipelines),
		T(test_teardown_pipelines_first),
		T(test_teardown_by_instance),
		T(test_teardown_unbind_first),
		T(test_two_instances),
		T(test_enumeration),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
