/*
 * The IPC4 requests the vregion command sends for each example topology:
 * every one encodes, decodes back through the firmware-side decoder to the
 * same fields, and every module configuration passes the strict decoders.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipc_session.h"
#include "plan.h"

static const char *const examples[] = { "playback.conf", "capture-48k-16k.conf",
					 "shared-src-tables.conf", "two-dp.conf" };

static void check_config(const struct ipc4_init_instance *ii)
{
	struct ipc4_copier_cfg c;
	struct ipc4_gain_cfg g;
	struct ipc4_src_cfg s;

	switch (ii->module_id) {
	case IPC4_MODULE_COPIER:
		assert_int_equal(ipc4_copier_cfg_decode(ii->config, ii->config_len, &c), IPC4_SUCCESS);
		break;
	case IPC4_MODULE_GAIN:
		assert_int_equal(ipc4_gain_cfg_decode(ii->config, ii->config_len, &g), IPC4_SUCCESS);
		break;
	case IPC4_MODULE_SRC:
		assert_int_equal(ipc4_src_cfg_decode(ii->config, ii->config_len, &s), IPC4_SUCCESS);
		assert_int_equal(s.sink_rate * 1u, s.sink_rate);
		break;
	default:
		fail_msg("module id %u", ii->module_id);
	}
}

static void check_topology(const char *name)
{
	struct topology *t = calloc(1, sizeof(*t));
	enum topo_format fmt[TOPO_MAX_ENDPOINTS];
	struct plan p = { 0 };
	struct ipc4_frame *f = malloc(sizeof(*f));
	char path[1024], err[512];
	unsigned creates = 0, inits = 0, binds = 0, dp = 0;

	snprintf(path, sizeof(path), "%s/%s", VREGION_TOPOLOGY_DIR, name);
	assert_int_equal(topo_load_file(path, t, err, sizeof(err)), 0);
	for (unsigned i = 0; i < t->n_endpoints; i++)
		fmt[i] = t->endpoints[i].format;
	assert_int_equal(plan_build(&p, t, fmt, err, sizeof(err)), 0);
	assert_int_equal(plan_stop(&p, t), 0);
	assert_int_equal(plan_delete(&p, t), 0);
	for (unsigned i = 0; i < p.n; i++) {
		struct ipc4_request d;
		struct ipc4_msg m;

		assert_int_equal(plan_encode(&p.steps[i], f), 0);
		m = (struct ipc4_msg){ f->primary, f->extension, f->payload, f->len };
		if (ipc4_decode(&m, &d) != IPC4_SUCCESS)
			fail_msg("%s: step %u (%s) does not decode", name, i, p.steps[i].what);
		assert_int_equal(d.kind, p.steps[i].req.kind);
		switch (d.kind) {
		case IPC4_KIND_CREATE_PIPELINE: {
			int pi = topo_find_pipeline(t, d.u.create_pipeline.instance_id);

			assert_true(pi >= 0);
			assert_true(d.u.create_pipeline.has_mem_data);
			assert_int_equal(d.u.create_pipeline.mem_data.heap_bytes,
					 topo_pipeline_heap(t, (unsigned)pi));
			creates++;
			break;
		}
		case IPC4_KIND_INIT_INSTANCE:
			check_config(&d.u.init_instance);
			dp += d.u.init_instance.has_dp_data;
			assert_int_equal(d.u.init_instance.proc_domain, d.u.init_instance.has_dp_data);
			inits++;
			break;
		case IPC4_KIND_BIND:
			binds++;
			break;
		default:
			break;
		}
	}
	assert_int_equal(creates, t->n_pipelines);
	assert_int_equal(inits, t->n_widgets);
	assert_int_equal(binds, t->n_routes);
	{
		unsigned n_dp = 0;

		for (unsigned i = 0; i < t->n_widgets; i++)
			n_dp += t->widgets[i].domain == TOPO_DP;
		assert_int_equal(dp, n_dp);
	}
	plan_free(&p);
	free(f);
	free(t);
}

static void test_examples_encode_decode(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(examples) / sizeof(examples[0]); i++)
		check_topology(examples[i]);
}

static void test_gain_control(void **state)
{
	struct topo_widget w = { .name = "g", .type = TOPO_GAIN, .instance = 5, .n_gain = 2,
				 .gain_db = { -6.020599913279624, 0.0 }, .ramp_ms = 20 };
	struct ipc4_frame *f = malloc(sizeof(*f));
	struct ipc4_volume_cfg v;
	struct ipc4_request d;
	struct plan_step s;
	struct ipc4_msg m;

	(void)state;
	assert_int_equal(plan_gain_control(&s, &w, 0), 0);
	assert_int_equal(plan_encode(&s, f), 0);
	m = (struct ipc4_msg){ f->primary, f->extension, f->payload, f->len };
	assert_int_equal(ipc4_decode(&m, &d), IPC4_SUCCESS);
	assert_int_equal(d.kind, IPC4_KIND_LARGE_CONFIG_SET);
	assert_int_equal(d.u.large_config.module_id, IPC4_MODULE_GAIN);
	assert_int_equal(d.u.large_config.instance_id, 5);
	assert_int_equal(d.u.large_config.large_param_id, IPC4_VOLUME_PARAM);
	assert_int_equal(ipc4_volume_cfg_decode(d.u.large_config.data, d.u.large_config.data_len, &v),
			 IPC4_SUCCESS);
	assert_int_equal(v.channel_id, 0);
	assert_int_equal(v.target_volume, 0x40000000u);
	assert_int_equal(v.curve_type, IPC4_CURVE_WINDOWS_FADE);
	assert_int_equal(v.curve_duration, 200000);
	assert_int_equal(plan_gain_control(&s, &w, 1), 0);
	assert_int_equal(plan_gain_control(&s, &w, 2), -EINVAL);
	w.type = TOPO_SRC;
	assert_int_equal(plan_gain_control(&s, &w, 0), -EINVAL);
	free(f);
}

static void test_volume(void **state)
{
	(void)state;
	assert_int_equal(plan_volume_q31(0.0), IPC4_VOLUME_MAX);
	/* -6.0206 dB is one half */
	assert_int_equal(plan_volume_q31(-6.020599913279624), 0x40000000u);
	assert_true(plan_volume_q31(-144.0) < 200);
}

static void test_period_and_format(void **state)
{
	struct ipc4_audio_fmt f;

	(void)state;
	assert_int_equal(plan_period_frames(44100), 45);
	assert_int_equal(plan_period_frames(48000), 48);
	assert_int_equal(plan_period_frames(11025), 12);
	plan_audio_fmt(&f, 44100, 2, TOPO_FMT_S24);
	assert_int_equal(f.depth, 32);
	assert_int_equal(f.valid_bit_depth, 24);
	assert_int_equal(f.ch_map, 0xFFFFFF10u);
	assert_int_equal(f.ch_cfg, 1);
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_SUCCESS);
	plan_audio_fmt(&f, 8000, 8, TOPO_FMT_FLOAT);
	assert_int_equal(f.s_type, IPC4_SAMPLE_FLOAT);
	assert_int_equal(ipc4_audio_fmt_check(&f), IPC4_SUCCESS);
}

/* A firmware stand-in for the session layer: decodes with the real decoder
 * and refuses message number `refuse_at` with IPC4_OUT_OF_MEMORY. */
struct fake_fw {
	unsigned seen, refuse_at, logged, bad_decode;
	bool echo_request;
};

static int fake_handle(void *ctx, const struct ipc4_msg *req, struct ipc4_frame *reply)
{
	struct fake_fw *fw = ctx;
	struct ipc4_request d;
	uint32_t st = ipc4_decode(req, &d);

	if (st)
		fw->bad_decode++;
	if (fw->seen++ == fw->refuse_at)
		st = IPC4_OUT_OF_MEMORY;
	reply->primary = fw->echo_request ? req->primary : ipc4_reply_primary(req->primary, st);
	reply->extension = req->extension;
	reply->len = 0;
	return 0;
}

static int fake_log(void *ctx, const struct ipc4_msg *m)
{
	(void)m;
	((struct fake_fw *)ctx)->logged++;
	return 0;
}

static void test_session(void **state)
{
	struct topology *t = calloc(1, sizeof(*t));
	enum topo_format fmt[TOPO_MAX_ENDPOINTS] = { TOPO_FMT_S16, TOPO_FMT_S32 };
	struct fake_fw fw = { .refuse_at = 3 };
	struct tb_transport tr = { &fw, fake_handle };
	struct plan p = { 0 };
	struct tb_ipc ipc;
	char path[1024], err[512];
	unsigned failed = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/playback.conf", VREGION_TOPOLOGY_DIR);
	assert_int_equal(topo_load_file(path, t, err, sizeof(err)), 0);
	assert_int_equal(plan_build(&p, t, fmt, err, sizeof(err)), 0);
	assert_int_equal(tb_ipc_init(&ipc, &tr, fake_log, &fw), 0);
	/* step 3: CREATE, INIT host, INIT gain, INIT src.1 */
	assert_int_equal(tb_ipc_send_range(&ipc, &p, 0, p.n, &failed), 1);
	assert_int_equal(failed, 3);
	assert_int_equal(ipc.sent, 4);
	assert_int_equal(ipc.refused, 1);
	assert_int_equal(fw.logged, 8);
	assert_int_equal(fw.bad_decode, 0);
	assert_non_null(strstr(ipc.error, "INIT_INSTANCE src.1"));
	assert_non_null(strstr(ipc.error, "status 3"));
	assert_non_null(strstr(ipc.error, "OUT_OF_MEMORY"));
	/* the rest goes through */
	assert_int_equal(tb_ipc_send_range(&ipc, &p, failed + 1, p.n, &failed), 0);
	assert_int_equal(ipc.sent, p.n);
	assert_int_equal(fw.bad_decode, 0);
	/* an answer without the reply bit is a protocol error */
	fw.echo_request = true;
	{
		uint32_t st;

		assert_int_equal(tb_ipc_send(&ipc, &p.steps[0], &st), -EPROTO);
	}
	tb_ipc_fini(&ipc);
	plan_free(&p);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples_encode_decode),
		cmocka_unit_test(test_volume),
		cmocka_unit_test(test_gain_control),
		cmocka_unit_test(test_period_and_format),
		cmocka_unit_test(test_session),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
