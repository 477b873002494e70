/* One run of a topology through the IPC4 path (see engine.h). */
#include "engine.h"

#include <errno.h>
#include <sched.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/alloc_ctx.h>
#include <vregion/audio/fast_get.h>
#include <vregion/audio/sched.h>
#include <vregion/ipc4/log.h>
#include <vregion/sysheap.h>
#include <vregion/vregion.h>

#include "fw_stats.h"
#include "ipc_session.h"
#include "plan.h"
#include "progress.h"
#include "tb_firmware.h"
#include "tb_gateways.h"

struct run {
	const struct topology *t;
	const struct tb_run_opts *o;
	struct rep_run *rep;
	struct tb_firmware fw;
	struct tb_ipc ipc;
	struct plan plan;
	struct tb_streams ss;
	struct fw_snapshot at_end, at_reset;
	struct fw_leaks leaks;
	unsigned start_at, build_end, stop_end;
	bool built, stopped;
};

static int log_record(void *ctx, const struct ipc4_msg *m)
{
	return ipc4_log_write_msg(ctx, m);
}

/* Record the first failure of the run (cut to the report's field). */
static void fail(struct run *r, const char *msg)
{
	r->rep->ok = false;
	if (!r->rep->error[0])
		snprintf(r->rep->error, sizeof(r->rep->error), "%.*s",
			 (int)sizeof(r->rep->error) - 1, msg);
}

/*
 * Name the region that ran out, if one did, in front of the IPC error: a
 * live region that counted a failure, or - the DP module's region dies
 * with its refused INIT_INSTANCE - the DP widget whose init failed while
 * the core reported a region allocation failing.
 */
static void explain_refusal(struct run *r, const struct plan_step *step, unsigned fails_before)
{
	struct fw_snapshot s;
	char name[TOPO_NAME_MAX + 16], msg[sizeof(r->ipc.error) + sizeof(name) + 96];
	const struct topo_widget *w = step && step->widget >= 0 ? &r->t->widgets[step->widget] : NULL;

	fw_snapshot_take(r->fw.fw, r->t, &s);
	if (fw_stats_exhausted(r->t, &s, name, sizeof(name))) {
		snprintf(msg, sizeof(msg), "region '%s' ran out of memory: %s", name, r->ipc.error);
		fail(r, msg);
	} else if (w && w->domain == TOPO_DP && r->leaks.alloc_failures > fails_before) {
		snprintf(msg, sizeof(msg),
			 "region '%s' ran out of memory (an allocation of %llu bytes failed): %s",
			 w->name, (unsigned long long)r->leaks.last_failed_bytes, r->ipc.error);
		fail(r, msg);
	} else {
		fail(r, r->ipc.error);
	}
	if (!r->at_end.n)
		r->at_end = s;
}

/* Send steps [from, to); on a refusal explain it. Returns 0 when all passed. */
static int send_range(struct run *r, unsigned from, unsigned to)
{
	for (unsigned i = from; i < to && i < r->plan.n; i++) {
		unsigned before = r->leaks.alloc_failures;
		uint32_t status = 0;
		int e = tb_ipc_send(&r->ipc, &r->plan.steps[i], &status);

		if (e || status) {
			explain_refusal(r, &r->plan.steps[i], before);
			return e ? e : 1;
		}
	}
	return 0;
}

/* Wait until no DP module of the topology is running or due to run. */
static void settle_dp(struct run *r)
{
	for (unsigned i = 0; i < r->t->n_widgets; i++) {
		const struct topo_widget *w = &r->t->widgets[i];
		struct processing_module *m;
		struct dp_task_info info;

		if (w->domain != TOPO_DP)
			continue;
		m = fw_module_find(r->fw.fw, plan_module_id(w->type), w->instance);
		/* yield first (the DP thread usually finishes within a few),
		 * then sleep briefly so a loaded machine is not spun on */
		for (unsigned spin = 0; m && spin < 200000; spin++) {
			static const struct timespec nap = { 0, 20000 };

			if (dp_task_info(m, &info) || !info.running ||
			    (!info.busy && !(info.ready && info.pending)))
				break;
			if (spin < 64)
				sched_yield();
			else
				nanosleep(&nap, NULL);
		}
	}
}

static uint64_t output_frames(const struct tb_streams *ss)
{
	uint64_t n = 0;

	for (unsigned i = 0; i < ss->n; i++)
		if (ss->s[i].dir == TOPO_OUTPUT)
			n += ss->s[i].frames;
	return n;
}

/* Rewrite every gain's volume once (a mixer control write). */
static int touch_gains(struct run *r)
{
	for (unsigned i = 0; i < r->t->n_widgets; i++) {
		const struct topo_widget *w = &r->t->widgets[i];

		if (w->type != TOPO_GAIN)
			continue;
		for (unsigned ch = 0; ch < w->n_gain; ch++) {
			struct plan_step s;
			uint32_t status;

			if (plan_gain_control(&s, w, ch) || tb_ipc_send(&r->ipc, &s, &status))
				return -EIO;
			if (status)
				return 1;
		}
	}
	return 0;
}

static int run_periods(struct run *r)
{
	struct progress pg;
	uint64_t last = 0, total = r->ss.in_frames, half_periods;
	unsigned stall = 0, limit = r->o->max_stall_periods ? r->o->max_stall_periods : 2000;
	unsigned long periods = 0;
	bool touched = false;

	half_periods = r->ss.in_rate ? total * 1000000u / r->ss.in_rate / PLAN_PERIOD_US / 2 : 0;
	progress_start(&pg, stderr, r->o->progress, total, r->ss.in_rate);
	while (!tb_streams_done(&r->ss)) {
		int failed = fw_ll_run_period(r->fw.fw);
		uint64_t out;

		if (failed) {
			fail(r, failed < 0 ? "the LL scheduler refused to run" :
			     "a module's process failed");
			break;
		}
		settle_dp(r);
		periods++;
		if (!touched && periods >= half_periods) {
			int t = touch_gains(r);

			touched = true;
			if (t) {
				explain_refusal(r, NULL, 0);
				break;
			}
		}
		out = output_frames(&r->ss);
		stall = out == last ? stall + 1 : 0;
		last = out;
		if (stall > limit) {
			char msg[96];

			snprintf(msg, sizeof(msg), "no output for %u periods: the pipeline stalled", limit);
			fail(r, msg);
			break;
		}
		progress_update(&pg, r->ss.s[0].frames);
	}
	progress_end(&pg);
	r->rep->frames_out = output_frames(&r->ss);
	for (unsigned i = 0; i < r->ss.n; i++) {
		const struct tb_stream *st = &r->ss.s[i];
		unsigned k = r->rep->n_outputs;

		if (st->dir != TOPO_OUTPUT || k >= TOPO_MAX_ENDPOINTS)
			continue;
		if (st->out)
			snprintf(r->rep->outputs[k].path, sizeof(r->rep->outputs[k].path), "%s", st->path);
		r->rep->outputs[k].frames = st->frames;
		r->rep->outputs[k].rate = st->fmt.rate;
		r->rep->n_outputs++;
	}
	{
		struct fast_get_stats fg;

		if (fast_get_stats(fw_fast_get_cache(r->fw.fw), &fg) == 0) {
			r->rep->fast_get_shared = fg.bytes;
			r->rep->fast_get_tables = (unsigned)fg.entries;
			r->rep->fast_get_users = (unsigned)fg.references;
		}
	}
	return 0;
}

static void teardown(struct run *r)
{
	if (r->built) {
		r->stopped = send_range(r, r->build_end, r->stop_end) == 0;
		fw_snapshot_take(r->fw.fw, r->t, &r->at_reset);
	}
	/* delete everything, also after a failed build: refusals for objects
	 * that were never made are expected then and not counted */
	{
		unsigned refused = r->ipc.refused;

		for (unsigned i = r->stop_end; i < r->plan.n; i++) {
			uint32_t st;

			tb_ipc_send(&r->ipc, &r->plan.steps[i], &st);
		}
		if (!r->built)
			r->ipc.refused = refused;
	}
}

static void after_teardown(struct run *r, size_t regions0, size_t ctx0, size_t blocks0)
{
	struct vheap_stats st;
	int left = tb_firmware_delete(&r->fw);

	r->rep->leaked_regions = (unsigned)(vregion_live_count() - regions0);
	r->rep->leaked_blocks = 0;
	if (sys_heap_stats(&st) == 0) {
		r->rep->sysheap_used_end = st.used;
		r->rep->leaked_blocks = st.live_blocks > blocks0 ? (unsigned)(st.live_blocks - blocks0) : 0;
	}
	if (sof_ctx_live_count() != ctx0 || left)
		fail(r, "contexts or fast-get entries left after teardown");
}

int tb_run(const struct topology *t, const struct tb_run_opts *o, struct rep_run *rep,
	   char *err, size_t errlen)
{
	struct run *r = calloc(1, sizeof(*r));
	enum topo_format fmt[TOPO_MAX_ENDPOINTS];
	struct tb_transport tr;
	struct vheap_stats st;
	size_t regions0, ctx0, blocks0 = 0;
	double t0, c0;
	int e;

	if (!r)
		return -ENOMEM;
	memset(rep, 0, sizeof(*rep));
	rep->ok = true;
	snprintf(rep->topology, sizeof(rep->topology), "%s", t->file);
	r->t = t;
	r->o = o;
	r->rep = rep;
	e = tb_streams_open(&r->ss, t, &o->streams, err, errlen);
	if (e)
		goto out;
	snprintf(rep->input, sizeof(rep->input), "%s", r->ss.s[0].path);
	r->leaks.known = &r->at_end;
	fw_leak_watch(&r->leaks);
	if (o->quiet)
		r->leaks.threshold = -1;
	regions0 = vregion_live_count();
	ctx0 = sof_ctx_live_count();
	if (sys_heap_stats(&st) == 0)
		blocks0 = st.live_blocks;
	e = tb_firmware_new(&r->fw);
	if (e) {
		snprintf(err, errlen, "cannot make a firmware instance: %s", strerror(-e));
		goto out;
	}
	tr = tb_firmware_transport(&r->fw);
	e = tb_ipc_init(&r->ipc, &tr, o->ipc_log ? log_record : NULL, o->ipc_log);
	if (e)
		goto out_fw;
	for (unsigned i = 0; i < r->ss.n; i++)
		fmt[i] = r->ss.s[i].fmt.format;
	e = plan_build(&r->plan, t, fmt, err, errlen);
	r->build_end = r->plan.n;
	for (r->start_at = 0; r->start_at < r->plan.n; r->start_at++)
		if (r->plan.steps[r->start_at].req.kind == IPC4_KIND_SET_PIPELINE_STATE)
			break;
	if (!e)
		e = plan_stop(&r->plan, t);
	r->stop_end = r->plan.n;
	if (!e)
		e = plan_delete(&r->plan, t);
	if (e)
		goto out_ipc;

	t0 = progress_now();
	c0 = progress_cpu();
	/* create, init and bind; attach the streams to the copiers; then start */
	if (send_range(r, 0, r->start_at) != 0) {
		/* refused and explained: tear down what was made */
	} else if ((e = tb_gateways_attach(&r->fw, t, &r->ss)) != 0) {
		snprintf(err, errlen, "cannot attach the endpoints: %s", strerror(-e));
		goto out_ipc;
	} else if (send_range(r, r->start_at, r->build_end)) {
		r->built = true;
	} else {
		r->built = true;
		run_periods(r);
		fw_snapshot_take(r->fw.fw, t, &r->at_end);
	}
	teardown(r);
	rep->wall_seconds = progress_now() - t0;
	rep->cpu_seconds = progress_cpu() - c0;
	rep->frames_in = r->ss.in_frames;
	rep->audio_seconds = r->ss.in_rate ? (double)r->ss.in_frames / r->ss.in_rate : 0;
	rep->ipc_messages = r->ipc.sent;
	rep->ipc_failures = r->ipc.refused;
	tb_ipc_fini(&r->ipc);
	plan_free(&r->plan);
	/* the last regions die with the instance: their leak reports count too */
	after_teardown(r, regions0, ctx0, blocks0);
	fw_stats_report(t, r->at_end.n ? &r->at_end : NULL, r->at_reset.n ? &r->at_reset : NULL,
			&r->leaks, rep);
	if (sys_heap_stats(&st) == 0)
		rep->sysheap_used_peak = st.peak;
	for (unsigned i = 0; i < rep->n_regions; i++) {
		if (rep->regions[i].alloc_failures && rep->ok) {
			char msg[128];

			snprintf(msg, sizeof(msg), "region '%s' refused allocations", rep->regions[i].name);
			fail(r, msg);
		}
		if (rep->regions[i].interim_at_teardown) {
			char msg[160];

			snprintf(msg, sizeof(msg), "region '%s' was destroyed with interim memory live",
				 rep->regions[i].name);
			fail(r, msg);
		}
	}
	e = 0;
	goto out;
out_ipc:
	tb_ipc_fini(&r->ipc);
	plan_free(&r->plan);
out_fw:
	if (r->fw.fw)
		after_teardown(r, regions0, ctx0, blocks0);
out:
	fw_leak_watch(NULL);
	{
		int c = tb_streams_close(&r->ss);

		if (!e && c) {
			snprintf(err, errlen, "writing the output failed: %s", strerror(-c));
			e = -EIO;
		}
	}
	free(r);
	return e;
}

int tb_size_runner(void *ctx, const struct topology *t, struct rep_run *rep)
{
	struct tb_size_ctx dflt = { .seconds = 0.5 }, *c = ctx ? ctx : &dflt;
	struct tb_run_opts o = { 0 };
	int e;

	o.streams.input = c->input;
	o.streams.gen_seconds = c->seconds;
	o.quiet = true;
	e = tb_run(t, &o, rep, c->err, sizeof(c->err));
	if (e && !c->error)
		c->error = e;
	return e;
}
