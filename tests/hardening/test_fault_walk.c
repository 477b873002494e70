/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Failure injection the SQLite way (issue 9 item 2): for N = 1, 2, ... the
 * Nth allocation at any site (page pool, system heap, region, object pool,
 * thread creation) fails, and a whole session runs: build, run, reconfigure,
 * stop, tear down. The walk ends with the first N past every allocation of
 * the session (no failure delivered: the session must then succeed).
 *
 * Every run must end with a clean error: the framework call returns the
 * errno its contract gives, the IPC4 reply the status SOF gives for that
 * message (ipc4-subset.md §8), the refused step changes nothing (object
 * counts, regions, contexts, system-heap blocks), teardown never fails, and
 * after fw_delete() every region, context and system-heap block is gone and
 * the system heap validates.
 *
 * Sessions: the framework API directly (tmod generator -> DP copy ->
 * checker, plus a region-less pipeline), and every example topology in
 * topologies/ through the IPC4 handler with the project's modules.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <vregion/audio/fw.h>
#include <vregion/fault.h>
#include <vregion/ipc4/handler.h>
#include <vregion/ipc4/ipc4.h>

#include <vregion/modules/modules.h>
#include "hard_util.h"
#include "plan.h"
#include "tmod.h"
#include "topology.h"

/* ---- the framework session ---- */

enum step_kind { S_PIPELINE, S_MODULE, S_BIND, S_CONFIG, S_STATE, S_RUN, S_DELETE };

struct fw_obs {
	struct fw_counts c;
	struct hard_snap s;
};

static void observe(struct fw_instance *fw, struct fw_obs *o)
{
	assert_int_equal(fw_get_counts(fw, &o->c), 0);
	hard_snap_take(&o->s);
}

/* A refused framework call changed nothing. */
static void unchanged(struct fw_instance *fw, const struct fw_obs *before, const char *what)
{
	struct fw_obs now;

	observe(fw, &now);
	if (memcmp(&now.c, &before->c, sizeof(now.c)) != 0 || !hard_snap_same(&before->s, what))
		fail_msg("%s: a refused call changed the firmware", what);
}

/* The errno a failed allocation may surface as, per call. */
static bool clean_errno(enum step_kind k, int r)
{
	switch (k) {
	case S_PIPELINE:
	case S_BIND:
	case S_CONFIG:
		return r == -ENOMEM;
	case S_MODULE:
		return r == -ENOMEM || r == -EAGAIN;
	case S_STATE:
		return r == -EINVAL || r == -ENOMEM; /* prepare failed -> -EINVAL */
	default:
		return false; /* running and teardown do not fail */
	}
}

struct fw_session {
	struct fw_instance *fw;
	int err;
	unsigned step;
};

/* Run one call of the session; false stops the session. */
static bool call(struct fw_session *s, enum step_kind k, int r, const struct fw_obs *before)
{
	char what[64];

	s->step++;
	if (r == 0)
		return true;
	snprintf(what, sizeof(what), "fw step %u (kind %d)", s->step, (int)k);
	if (!clean_errno(k, r))
		fail_msg("%s: error %d is not a clean allocation failure", what, r);
	unchanged(s->fw, before, what);
	s->err = r;
	return false;
}

#define CALL(kind, expr)                                    \
	do {                                                \
		struct fw_obs b_;                           \
		observe(s.fw, &b_);                         \
		if (!call(&s, kind, (expr), &b_))           \
			goto out;                           \
	} while (0)

static int fw_session(void)
{
	struct tmod_init big = { 0, 512 };
	struct fw_module_params p;
	uint8_t cfg[96];
	struct fw_session s = { 0 };
	int r;

	memset(cfg, 0x5A, sizeof(cfg));
	s.fw = fw_new(NULL);
	if (!s.fw)
		return -ENOMEM;
	assert_int_equal(fw_register_module_type(s.fw, &tmod_type), 0);
	CALL(S_PIPELINE, fw_pipeline_new(s.fw, 1, 0, 32768));
	CALL(S_PIPELINE, fw_pipeline_new(s.fw, 2, 1, 0));
	p = tmod_params(1, 1, MODULE_DOMAIN_LL, &big);
	CALL(S_MODULE, fw_module_new(s.fw, &p, NULL));
	p = tmod_params(2, 1, MODULE_DOMAIN_DP, NULL);
	p.heap_bytes = 16384;
	CALL(S_MODULE, fw_module_new(s.fw, &p, NULL));
	p = tmod_params(3, 1, MODULE_DOMAIN_LL, NULL);
	CALL(S_MODULE, fw_module_new(s.fw, &p, NULL));
	p = tmod_params(4, 2, MODULE_DOMAIN_LL, NULL);
	CALL(S_MODULE, fw_module_new(s.fw, &p, NULL));
	p = tmod_params(5, 2, MODULE_DOMAIN_LL, NULL);
	CALL(S_MODULE, fw_module_new(s.fw, &p, NULL));
	CALL(S_BIND, fw_bind(s.fw, TMOD_ID, 1, 0, TMOD_ID, 2, 0));
	CALL(S_BIND, fw_bind(s.fw, TMOD_ID, 2, 0, TMOD_ID, 3, 0));
	CALL(S_BIND, fw_bind(s.fw, TMOD_ID, 4, 0, TMOD_ID, 5, 0));
	CALL(S_CONFIG, fw_module_set_large_config(s.fw, TMOD_ID, 1, 1, true, true, sizeof(cfg),
						  cfg, sizeof(cfg)));
	CALL(S_STATE, fw_pipeline_set_state(s.fw, 1, FW_PPL_STATE_PAUSED));
	CALL(S_STATE, fw_pipeline_set_state(s.fw, 2, FW_PPL_STATE_PAUSED));
	CALL(S_STATE, fw_pipeline_set_state(s.fw, 1, FW_PPL_STATE_RUNNING));
	CALL(S_STATE, fw_pipeline_set_state(s.fw, 2, FW_PPL_STATE_RUNNING));
	CALL(S_RUN, fw_ll_run(s.fw, 8, false) < 0 ? -EIO : 0);
	/* reconfiguration while running: interim memory of complete pipelines */
	CALL(S_CONFIG, fw_module_set_large_config(s.fw, TMOD_ID, 3, 1, true, true, sizeof(cfg),
						  cfg, sizeof(cfg)));
	CALL(S_CONFIG, fw_module_set_large_config(s.fw, TMOD_ID, 2, 1, true, true, sizeof(cfg),
						  cfg, sizeof(cfg)));
	CALL(S_RUN, fw_ll_run(s.fw, 4, false) < 0 ? -EIO : 0);
	CALL(S_DELETE, fw_pipeline_set_state(s.fw, 1, FW_PPL_STATE_PAUSED));
	CALL(S_DELETE, fw_pipeline_set_state(s.fw, 1, FW_PPL_STATE_RESET));
	CALL(S_DELETE, fw_pipeline_set_state(s.fw, 2, FW_PPL_STATE_RESET));
	for (uint32_t i = 5; i >= 1; i--)
		CALL(S_DELETE, fw_module_delete(s.fw, TMOD_ID, i));
	CALL(S_DELETE, fw_pipeline_delete(s.fw, 2));
	CALL(S_DELETE, fw_pipeline_delete(s.fw, 1));
out:
	r = fw_delete(s.fw);
	if (r != 0)
		fail_msg("fw_delete: %d fast-get entries still referenced", r);
	return s.err;
}

/* ---- the walk ---- */

struct walk_result {
	unsigned long runs, failed_runs, absorbed;
};

/* Walk N over every allocation of @p session; returns the figures. */
static struct walk_result walk(int (*session)(void *), void *arg, const char *name)
{
	struct walk_result w = { 0 };
	struct hard_snap base;
	char where[96];

	/* one unarmed run first: the session works and leaves nothing behind */
	hard_snap_take(&base);
	vr_fault_arm(VR_FAULT_ALL, 0);
	assert_int_equal(session(arg), 0);
	assert_true(hard_snap_same(&base, name));
	for (unsigned long n = 1;; n++) {
		int r;
		bool fired;

		vr_fault_arm(VR_FAULT_ALL, n);
		r = session(arg);
		fired = vr_fault_fired();
		vr_fault_arm(0, 0);
		snprintf(where, sizeof(where), "%s, allocation %lu", name, n);
		if (!hard_snap_same(&base, where))
			fail_msg("%s: leaked or left referenced", where);
		w.runs++;
		if (!fired) {
			if (r != 0)
				fail_msg("%s: failed (%d) with no failure injected", where, r);
			break;
		}
		if (r)
			w.failed_runs++;
		else
			w.absorbed++;
	}
	printf("%s: %lu runs (every allocation failed once), %lu ended with a clean error, "
	       "%lu absorbed\n", name, w.runs, w.failed_runs, w.absorbed);
	return w;
}

static int fw_session_cb(void *arg)
{
	(void)arg;
	return fw_session();
}

static void test_fw_walk(void **state)
{
	struct walk_result w;

	(void)state;
	w = walk(fw_session_cb, NULL, "framework");
	assert_true(w.runs > 50);
	assert_true(w.failed_runs > 0);
}

/* ---- IPC4 sessions of the example topologies ---- */

struct topo_case {
	const char *file;
	struct plan plan;
	unsigned built, stopped;       /* step indices where build and stop end */
	struct topology t;
};

static struct ipc4_fw h;
static struct ipc4_reply rep;
static struct ipc4_frame frame;

/* The status SOF gives a failed allocation in each message (§8). */
static bool clean_status(enum ipc4_kind k, uint32_t st)
{
	switch (k) {
	case IPC4_KIND_CREATE_PIPELINE:
	case IPC4_KIND_BIND:
		return st == IPC4_OUT_OF_MEMORY;
	case IPC4_KIND_INIT_INSTANCE:
		return st == IPC4_MOD_NOT_INITIALIZED;
	case IPC4_KIND_LARGE_CONFIG_SET:
		return st == IPC4_INVALID_RESOURCE_ID;
	case IPC4_KIND_SET_PIPELINE_STATE:
		return st == IPC4_INVALID_REQUEST || st == IPC4_PIPELINE_STATE_NOT_SET;
	default:
		return false;  /* deletes and the stop path must not fail */
	}
}

static uint32_t send(struct plan_step *s)
{
	struct ipc4_msg m;

	assert_int_equal(plan_encode(s, &frame), 0);
	m = (struct ipc4_msg){ frame.primary, frame.extension, frame.len ? frame.payload : NULL,
			       frame.len };
	return ipc4_handle(&h, &m, &rep);
}

/* Send step @p i; on refusal check the status and that nothing changed. */
static bool ipc_step(struct fw_instance *fw, struct topo_case *tc, struct plan_step *s,
		     uint32_t *status)
{
	struct fw_obs before;
	uint32_t st;

	observe(fw, &before);
	st = send(s);
	if (st == IPC4_SUCCESS)
		return true;
	if (!clean_status(s->req.kind, st))
		fail_msg("%s: %s refused with status %u (%s)", tc->file, s->what, st,
			 ipc4_status_name(st));
	unchanged(fw, &before, s->what);
	*status = st;
	return false;
}

static int ipc4_session(void *arg)
{
	struct topo_case *tc = arg;
	struct fw_instance *fw = fw_new(NULL);
	uint32_t status = 0;
	int r;

	if (!fw)
		return -ENOMEM;
	assert_int_equal(modules_register_all(fw), 0);
	assert_int_equal(ipc4_fw_init(&h, fw), 0);
	for (unsigned i = 0; i < tc->built; i++)
		if (!ipc_step(fw, tc, &tc->plan.steps[i], &status))
			goto out;
	if (fw_ll_run(fw, 6, false) < 0)
		fail_msg("%s: LL run failed", tc->file);
	/* a host writes the volume controls while running */
	for (unsigned w = 0; w < tc->t.n_widgets; w++) {
		struct plan_step s;

		if (tc->t.widgets[w].type != TOPO_GAIN)
			continue;
		assert_int_equal(plan_gain_control(&s, &tc->t.widgets[w], 0), 0);
		if (!ipc_step(fw, tc, &s, &status))
			goto out;
	}
	if (fw_ll_run(fw, 4, false) < 0)
		fail_msg("%s: LL run failed", tc->file);
	for (unsigned i = tc->built; i < tc->plan.n; i++)
		if (!ipc_step(fw, tc, &tc->plan.steps[i], &status))
			goto out;
out:
	r = fw_delete(fw);
	if (r != 0)
		fail_msg("%s: fw_delete: %d fast-get entries still referenced", tc->file, r);
	return status ? -(int)status : 0;
}

static void topo_walk(const char *name)
{
	static struct topo_case tc;
	enum topo_format fmt[TOPO_MAX_ENDPOINTS];
	char path[1024], err[512];
	struct walk_result w;

	memset(&tc, 0, sizeof(tc));
	tc.file = name;
	snprintf(path, sizeof(path), "%s/%s", VREGION_TOPOLOGY_DIR, name);
	assert_int_equal(topo_load_file(path, &tc.t, err, sizeof(err)), 0);
	for (unsigned i = 0; i < tc.t.n_endpoints; i++)
		fmt[i] = tc.t.endpoints[i].format;
	assert_int_equal(plan_build(&tc.plan, &tc.t, fmt, err, sizeof(err)), 0);
	tc.built = tc.plan.n;
	assert_int_equal(plan_stop(&tc.plan, &tc.t), 0);
	assert_int_equal(plan_delete(&tc.plan, &tc.t), 0);
	w = walk(ipc4_session, &tc, name);
	assert_true(w.failed_runs > 0);
	plan_free(&tc.plan);
}

static void test_playback(void **state)
{
	(void)state;
	topo_walk("playback.conf");
}

static void test_capture(void **state)
{
	(void)state;
	topo_walk("capture-48k-16k.conf");
}

static void test_two_dp(void **state)
{
	(void)state;
	topo_walk("two-dp.conf");
}

static void test_shared_src(void **state)
{
	(void)state;
	topo_walk("shared-src-tables.conf");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fw_walk),
		cmocka_unit_test(test_playback),
		cmocka_unit_test(test_capture),
		cmocka_unit_test(test_two_dp),
		cmocka_unit_test(test_shared_src),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
