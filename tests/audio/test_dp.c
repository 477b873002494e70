/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * DP modules: their own region and thread (sizing, naming, joining),
 * LL -> DP -> LL data flow over thousands of periods, pause/stop/reset and
 * reconfiguration reaching the threads safely, teardown in every order
 * (M2), thread-creation failure. Runs under TSan in the "threads" label.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <vregion/audio/buffer.h>
#include <vregion/audio/fw.h>
#include <vregion/audio/sched.h>
#include <vregion/fault.h>

#include "audio_test.h"
#include "tmod.h"
#include "fw_fixture.h"

static struct processing_module *add(struct fx *f, uint32_t inst, uint32_t ppl,
				     enum module_domain d, size_t heap, size_t stack)
{
	/* every module also allocates and fast-gets at run time, on its own thread */
	static const struct tmod_init scratch = { TMOD_SCRATCH, 0 };
	struct fw_module_params prm = tmod_params(inst, ppl, d, &scratch);
	prm.heap_bytes = heap;
	prm.stack_bytes = stack;
	struct processing_module *m = NULL;
	assert_int_equal(fw_module_new(f->fw, &prm, &m), 0);
	return m;
}

static void bind(struct fx *f, uint32_t a, uint32_t b)
{
	assert_int_equal(fw_bind(f->fw, TMOD_ID, a, 0, TMOD_ID, b, 0), 0);
}

/* Threads of this process whose name is @p name. */
static int threads_named(const char *name)
{
	DIR *d = opendir("/proc/self/task");
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[300], comm[64] = "";
		snprintf(path, sizeof(path), "/proc/self/task/%s/comm", e->d_name);
		FILE *fp = fopen(path, "r");
		if (!fp)
			continue;
		if (fgets(comm, sizeof(comm), fp)) {
			comm[strcspn(comm, "\n")] = '\0';
			n += !strcmp(comm, name);
		}
		fclose(fp);
	}
	closedir(d);
	return n;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/*
 * Wait (bounded) until @p dp has used every tick it can: it is not inside
 * process() and either has no banked tick or no period to process.
 */
static void dp_settle(struct processing_module *dp)
{
	for (int i = 0; i < 100000; i++) { /* 10 s at most */
		struct dp_task_info info;
		assert_int_equal(dp_task_info(dp, &info), 0);
		if (!info.busy && !info.ready)
			return;
		struct timespec ts = { 0, 100000L };
		nanosleep(&ts, NULL);
	}
	fail_msg("DP module %s did not settle", dp->name);
}

/* Run @p periods LL periods; with @p dp, let that DP module keep pace after each. */
static void run(struct fx *f, unsigned long periods, struct processing_module *dp)
{
	for (unsigned long i = 0; i < periods; i++) {
		assert_int_equal(fw_ll_run_period(f->fw), 0);
		if (dp)
			dp_settle(dp);
		else if (i % 16 == 15)
			sleep_ms(1);
	}
}

static void test_dp_region_sizes(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 0), 0);
	struct processing_module *d0 = add(f, 0, 1, MODULE_DOMAIN_DP, 0, 0);
	struct vregion *vr = audio_ctx_region(d0->res.ctx);
	assert_non_null(vr);
	assert_int_equal(region_stats(vr).size, FW_DP_DEFAULT_HEAP_BYTES);
	assert_true(vregion_contains(vr, d0)); /* the module object lives in its region */
	assert_true(vregion_contains(vr, tmod_priv(d0)->state));
	struct processing_module *d1 = add(f, 1, 1, MODULE_DOMAIN_DP, 40000, 0);
	assert_int_equal(region_stats(audio_ctx_region(d1->res.ctx)).size, 40960);
	struct baseline b = baseline_take();
	struct fw_module_params prm = tmod_params(2, 1, MODULE_DOMAIN_DP, NULL);
	prm.heap_bytes = FW_MAX_HEAP_BYTES + 1;
	assert_int_equal(fw_module_new(f->fw, &prm, NULL), -EINVAL);
	baseline_check(&b);
	prm.heap_bytes = FW_MAX_HEAP_BYTES; /* exactly 64 MiB is accepted (pool permitting) */
	int ret = fw_module_new(f->fw, &prm, NULL);
	assert_true(ret == 0 || ret == -ENOMEM);
	if (!ret)
		assert_int_equal(fw_module_delete(f->fw, TMOD_ID, 2), 0);
	baseline_check(&b);
}

static void test_dp_thread_stack_and_name(void **state)
{
	struct fx *f = *state;
	const struct fw_config *cfg = fw_get_config(f->fw);
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 0), 0);
	struct processing_module *gen = add(f, 0, 1, MODULE_DOMAIN_LL, 0, 0);
	struct processing_module *dflt = add(f, 1, 1, MODULE_DOMAIN_DP, 0, 0);
	struct processing_module *tiny = add(f, 2, 1, MODULE_DOMAIN_DP, 0, 100);
	struct processing_module *big = add(f, 3, 1, MODULE_DOMAIN_DP, 0, 256 * 1024);
	struct processing_module *chk = add(f, 4, 1, MODULE_DOMAIN_LL, 0, 0);
	(void)gen;
	(void)chk;
	struct dp_task_info i1, i2, i3;
	assert_int_equal(dp_task_info(dflt, &i1), 0);
	assert_int_equal(dp_task_info(tiny, &i2), 0);
	assert_int_equal(dp_task_info(big, &i3), 0);
	assert_int_equal(i1.stack_bytes, dp_task_stack_size(0, cfg->dp_default_stack, cfg->dp_min_stack));
	assert_true(i1.stack_bytes >= FW_DP_DEFAULT_STACK_BYTES);
	assert_true(i2.stack_bytes >= cfg->dp_min_stack);
	assert_true(i2.stack_bytes >= (size_t)PTHREAD_STACK_MIN);
	assert_int_equal(i3.stack_bytes, 256 * 1024);
	assert_int_equal(dp_task_stack_size(100, 8192, 512) % 4096, 0);
	assert_true(dp_task_stack_size(SIZE_MAX, 8192, 512) > FW_MAX_STACK_BYTES); /* no wrap */
	struct baseline b = baseline_take();
	struct fw_module_params prm = tmod_params(7, 1, MODULE_DOMAIN_DP, NULL);
	prm.stack_bytes = FW_MAX_STACK_BYTES + 1;
	assert_int_equal(fw_module_new(f->fw, &prm, NULL), -EINVAL);
	baseline_check(&b);
	/* one thread per DP module, named after it */
	assert_string_equal(dflt->name, "tmod-1");
	assert_int_equal(threads_named("tmod-1"), 1);
	assert_int_equal(threads_named("tmod-2"), 1);
	assert_int_equal(threads_named("tmod-0"), 0); /* LL modules have none */
	/* chain gen -> dflt -> tiny? DP->DP is refused */
	assert_int_equal(fw_bind(f->fw, TMOD_ID, 1, 0, TMOD_ID, 2, 0), -EINVAL);
	bind(f, 0, 1);
	bind(f, 1, 4);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
	run(f, 200, dflt);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	/* the process op ran on the module's own thread, with the stack asked */
	assert_string_equal(tmod_priv(dflt)->thread_name, "tmod-1");
	assert_true(tmod_priv(dflt)->thread_stack >= i1.stack_bytes); /* TSan may add to it */
	/* deleting the module joins its thread before its region goes */
	size_t regions = vregion_live_count();
	assert_int_equal(fw_module_delete(f->fw, TMOD_ID, 1), 0);
	assert_int_equal(threads_named("tmod-1"), 0);
	assert_int_equal(vregion_live_count(), regions - 1);
}

/* gen(LL) -> dp(DP) -> chk(LL): contiguous data over thousands of periods and restarts. */
static void build_ll_dp_ll(struct fx *f, uint32_t ppl, uint32_t base, size_t heap)
{
	assert_int_equal(fw_pipeline_new(f->fw, ppl, ppl, heap), 0);
	add(f, base, ppl, MODULE_DOMAIN_LL, 0, 0);
	add(f, base + 1, ppl, MODULE_DOMAIN_DP, 0, 0);
	add(f, base + 2, ppl, MODULE_DOMAIN_LL, 0, 0);
	bind(f, base, base + 1);
	bind(f, base + 1, base + 2);
}

static void test_ll_dp_ll_flow(void **state)
{
	struct fx *f = *state;
	build_ll_dp_ll(f, 1, 0, 65536);
	struct processing_module *dp = fw_module_find(f->fw, TMOD_ID, 1);
	struct processing_module *chk = fw_module_find(f->fw, TMOD_ID, 2);
	struct vregion *dvr = audio_ctx_region(dp->res.ctx);
	/* Both buffers touch the DP module: they hold its context, not the pipeline's. */
	assert_ptr_equal(dp->sources[0]->ctx, dp->res.ctx);
	assert_ptr_equal(dp->sinks[0]->ctx, dp->res.ctx);
	assert_int_equal(region_stats(dvr).use_count, 3);
	assert_int_equal(audio_ctx_holders(dp->res.ctx), 3);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
	struct vregion_stats d0 = region_stats(dvr);
	assert_int_equal(d0.mode, VREGION_MEM_TYPE_INTERIM); /* complete switched the DP region */
	assert_true(vregion_contains(dvr, dp->sources[0]->data));
	uint8_t cfg[300] = { 1 };
	assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 1, 0, true, true,
						    sizeof(cfg), cfg, sizeof(cfg)), 0);
	struct vregion_stats d1 = region_stats(dvr);
	for (int cycle = 0; cycle < 4; cycle++) {
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
		run(f, 1500, dp);
		/* reconfigure the DP module while its thread runs */
		cfg[0] = (uint8_t)cycle;
		assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 1, 0, true, true,
							    sizeof(cfg), cfg, sizeof(cfg)), 0);
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
		run(f, 50, NULL); /* paused: nothing moves */
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
		run(f, 500, dp);
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
		struct tmod_priv *pc = tmod_priv(chk);
		assert_int_equal(pc->bad, 0);
		assert_int_equal(pc->scratch_failures, 0);
		assert_int_equal(tmod_priv(dp)->scratch_failures, 0);
		assert_true(pc->checked > 0);
		struct vregion_stats s = region_stats(dvr);
		assert_int_equal(s.lifetime_used, d0.lifetime_used);
		assert_int_equal(s.interim_used, d1.interim_used);
	}
	struct dp_task_info info;
	assert_int_equal(dp_task_info(dp, &info), 0);
	/* kept in pace, the DP module ran once per period (its first period waits for data) */
	assert_true(info.runs >= 4 * (2000 - 2));
	assert_true(info.runs <= 4 * 2000);
	assert_int_equal(info.errors, 0);
	assert_false(info.running);
	/* the checker saw what the generator made, but for the periods in flight */
	assert_true(tmod_priv(chk)->checked >= 4 * (2000ull - 3) * (TMOD_PERIOD_BYTES / 4));
}

/* M2: LL A -> DP -> LL B deleted without unbinding, in IPC order (A, DP, B). */
static void test_m2_delete_pipeline_without_unbind(void **state)
{
	struct fx *f = *state;
	build_ll_dp_ll(f, 1, 0, 0); /* pipeline without a region, as in SOF's case */
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
	run(f, 300, fw_module_find(f->fw, TMOD_ID, 1));
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	assert_int_equal(fw_pipeline_delete(f->fw, 1), 0);
	struct fw_counts c;
	assert_int_equal(fw_get_counts(f->fw, &c), 0);
	assert_int_equal(c.modules + c.buffers + c.pipelines, 0);
}

/* Every single-module deletion order of LL -> DP -> LL. */
static void test_m2_every_deletion_order(void **state)
{
	struct fx *f = *state;
	static const uint32_t orders[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	for (int o = 0; o < 6; o++) {
		struct baseline b = baseline_take();
		build_ll_dp_ll(f, 1, 0, o % 2 ? 65536 : 0);
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
		run(f, 100, fw_module_find(f->fw, TMOD_ID, 1));
		assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
		for (int i = 0; i < 3; i++)
			assert_int_equal(fw_module_delete(f->fw, TMOD_ID, orders[o][i]), 0);
		assert_int_equal(fw_pipeline_delete(f->fw, 1), 0);
		baseline_check(&b);
	}
}

/* Thread creation failure: the module is refused and nothing stays. */
static void test_thread_failure(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 0), 0);
	add(f, 9, 1, MODULE_DOMAIN_LL, 0, 0); /* keeps the shared table cached */
	struct baseline b = baseline_take();
	struct fw_module_params prm = tmod_params(0, 1, MODULE_DOMAIN_DP, NULL);
	vr_fault_arm(VR_FAULT_MASK(VR_FAULT_THREAD), 1);
	assert_int_equal(fw_module_new(f->fw, &prm, NULL), -EAGAIN);
	vr_fault_arm(0, 0);
	assert_null(fw_module_find(f->fw, TMOD_ID, 0));
	baseline_check(&b);
	for (unsigned long n = 1;; n++) {
		vr_fault_arm(VR_FAULT_ALL, n);
		int ret = fw_module_new(f->fw, &prm, NULL);
		bool fired = vr_fault_fired();
		vr_fault_arm(0, 0);
		if (!fired) {
			assert_int_equal(ret, 0);
			break;
		}
		assert_int_not_equal(ret, 0);
		baseline_check(&b);
	}
}

/* A DP module added after completion: init is lifetime, later allocations interim. */
static void test_dp_added_after_complete(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fw_pipeline_new(f->fw, 1, 0, 65536), 0);
	add(f, 0, 1, MODULE_DOMAIN_LL, 0, 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	struct processing_module *dp = add(f, 1, 1, MODULE_DOMAIN_DP, 0, 0);
	struct vregion *vr = audio_ctx_region(dp->res.ctx);
	struct vregion_stats st = region_stats(vr);
	assert_int_equal(st.mode, VREGION_MEM_TYPE_INTERIM);
	assert_true(st.lifetime_used > 0);
	bind(f, 0, 1);
	assert_true(buffer_has_ring(dp->sources[0])); /* interim already: allocated at bind */
	add(f, 2, 1, MODULE_DOMAIN_LL, 0, 0);
	bind(f, 1, 2);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
	run(f, 500, dp);
	assert_int_equal(tmod_priv(fw_module_find(f->fw, TMOD_ID, 2))->bad, 0);
	assert_true(tmod_priv(fw_module_find(f->fw, TMOD_ID, 2))->checked > 0);
}

/* Two pipelines with DP modules run together; the instance is deleted while they run. */
static void test_two_dp_pipelines_deleted_running(void **state)
{
	struct fx *f = *state;
	build_ll_dp_ll(f, 1, 0, 65536);
	build_ll_dp_ll(f, 2, 10, 0);
	for (uint32_t p = 1; p <= 2; p++) {
		assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_PAUSED), 0);
		assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_RUNNING), 0);
	}
	run(f, 2000, NULL);
	assert_int_equal(fw_module_delete(f->fw, TMOD_ID, 1), -EBUSY);
	assert_int_equal(tmod_priv(fw_module_find(f->fw, TMOD_ID, 2))->bad, 0);
	assert_int_equal(tmod_priv(fw_module_find(f->fw, TMOD_ID, 12))->bad, 0);
	/* the teardown's fw_delete stops, joins and frees everything */
}

/* The LL period paced to real time: 50 periods of 1 ms take about 50 ms. */
static void test_realtime_pacing(void **state)
{
	struct fx *f = *state;
	build_ll_dp_ll(f, 1, 0, 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(fw_ll_run(f->fw, 50, true), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	assert_true(ms >= 49.0); /* never early: absolute deadlines */
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	assert_int_equal(tmod_priv(fw_module_find(f->fw, TMOD_ID, 2))->bad, 0);
}

/*
 * Three pipelines LL -> DP -> LL (two with regions), chained: pipeline 0's
 * DP module also feeds pipeline 1's checker on pin 1. Run, restart, check
 * the regions, then delete the pipelines in each of the 6 orders.
 */
static void test_three_mixed_pipelines_every_deletion_order(void **state)
{
	struct fx *f = *state;
	static const uint32_t orders[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	static const size_t heaps[3] = { 65536, 0, 32768 };
	for (int o = 0; o < 6; o++) {
		struct baseline b = baseline_take();
		for (uint32_t p = 0; p < 3; p++)
			build_ll_dp_ll(f, p, 10 * p, heaps[p]);
		assert_int_equal(fw_bind(f->fw, TMOD_ID, 1, 1, TMOD_ID, 12, 1), 0);
		for (uint32_t p = 0; p < 3; p++)
			assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_PAUSED), 0);
		struct vregion_stats r0 = region_stats(pipeline_region(fw_pipeline_find(f->fw, 0)));
		struct vregion *dvr = audio_ctx_region(fw_module_find(f->fw, TMOD_ID, 21)->res.ctx);
		struct vregion_stats d0 = region_stats(dvr);
		for (int cycle = 0; cycle < 2; cycle++) {
			for (uint32_t p = 0; p < 3; p++)
				assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_RUNNING), 0);
			run(f, 200, fw_module_find(f->fw, TMOD_ID, 21));
			for (uint32_t p = 0; p < 3; p++)
				assert_int_equal(fw_pipeline_set_state(f->fw, p, FW_PPL_STATE_RESET), 0);
			struct vregion_stats r = region_stats(pipeline_region(fw_pipeline_find(f->fw, 0)));
			struct vregion_stats d = region_stats(dvr);
			assert_int_equal(r.lifetime_used, r0.lifetime_used);
			assert_int_equal(r.interim_used, r0.interim_used);
			assert_int_equal(d.lifetime_used, d0.lifetime_used);
			assert_int_equal(d.interim_used, d0.interim_used);
			assert_int_equal(tmod_priv(fw_module_find(f->fw, TMOD_ID, 22))->bad, 0);
			assert_true(tmod_priv(fw_module_find(f->fw, TMOD_ID, 22))->checked > 0);
		}
		for (int i = 0; i < 3; i++)
			assert_int_equal(fw_pipeline_delete(f->fw, orders[o][i]), 0);
		baseline_check(&b);
	}
}

/* The LL loop on its own thread while the control thread drives another pipeline. */
struct ll_loop {
	struct fw_instance *fw;
	atomic_bool stop;
	unsigned long periods;
};

static void *ll_thread(void *arg)
{
	struct ll_loop *l = arg;
	while (!atomic_load(&l->stop)) {
		fw_ll_run_period(l->fw);
		l->periods++;
		if (l->periods % 8 == 0)
			sleep_ms(1);
	}
	return NULL;
}

static void test_control_thread_and_ll_thread(void **state)
{
	struct fx *f = *state;
	build_ll_dp_ll(f, 1, 0, 65536);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_PAUSED), 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RUNNING), 0);
	struct ll_loop l = { .fw = f->fw };
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, ll_thread, &l), 0);
	uint8_t cfg[64] = { 3 };
	for (int round = 0; round < 20; round++) {
		build_ll_dp_ll(f, 2, 10, round % 2 ? 32768 : 0);
		assert_int_equal(fw_pipeline_set_state(f->fw, 2, FW_PPL_STATE_PAUSED), 0);
		assert_int_equal(fw_pipeline_set_state(f->fw, 2, FW_PPL_STATE_RUNNING), 0);
		assert_int_equal(fw_module_set_large_config(f->fw, TMOD_ID, 1, 0, true, true,
							    sizeof(cfg), cfg, sizeof(cfg)), 0);
		sleep_ms(5);
		assert_int_equal(fw_pipeline_set_state(f->fw, 2, FW_PPL_STATE_PAUSED), 0);
		assert_int_equal(fw_pipeline_set_state(f->fw, 2, FW_PPL_STATE_RESET), 0);
		assert_int_equal(fw_pipeline_delete(f->fw, 2), 0);
	}
	atomic_store(&l.stop, true);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_true(l.periods > 0);
	assert_int_equal(fw_pipeline_set_state(f->fw, 1, FW_PPL_STATE_RESET), 0);
	assert_int_equal(tmod_priv(fw_module_find(f->fw, TMOD_ID, 2))->bad, 0);
	assert_true(tmod_priv(fw_module_find(f->fw, TMOD_ID, 2))->checked > 0);
}

#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_dp_region_sizes),
		T(test_dp_thread_stack_and_name),
		T(test_ll_dp_ll_flow),
		T(test_m2_delete_pipeline_without_unbind),
		T(test_m2_every_deletion_order),
		T(test_thread_failure),
		T(test_dp_added_after_complete),
		T(test_two_dp_pipelines_deleted_running),
		T(test_realtime_pacing),
		T(test_control_thread_and_ll_thread),
		T(test_three_mixed_pipelines_every_deletion_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
