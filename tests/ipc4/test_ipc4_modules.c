/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The handler with the real module manifest (copier, gain): a pipeline
 * built, configured and run purely through IPC4 messages, the gain changed
 * and read back with LARGE_CONFIG, and torn down with nothing left.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <vregion/audio/fw.h>
#include <vregion/ipc4/handler.h>
#include <vregion/modules/copier.h>
#include <vregion/modules/modules.h>
#include <vregion/vregion.h>

#include "ipc4_util.h"

#define CH 2
#define HALF 0x40000000  /* Q1.31 0.5 */

static struct fw_instance *fw;
static struct ipc4_fw h;
static struct ipc4_reply rep;
static struct ipc4_request req;
static uint8_t cfg[128];

static uint64_t frames_written;
static int32_t last[CH];

static long src_read(void *arg, void *buf, uint32_t frames)
{
	int32_t *s = buf;
	(void)arg;
	for (uint32_t i = 0; i < frames * CH; i++)
		s[i] = HALF;
	return frames;
}

static int sink_write(void *arg, const void *buf, uint32_t frames)
{
	const int32_t *s = buf;
	(void)arg;
	if (frames) {
		last[0] = s[(frames - 1) * CH];
		last[1] = s[(frames - 1) * CH + 1];
	}
	frames_written += frames;
	return 0;
}

static uint32_t send(void)
{
	static struct ipc4_frame f;

	assert_int_equal(ipc4_encode(&req, &f), 0);
	return ipc4_handle(&h, &(struct ipc4_msg){ f.primary, f.extension, f.payload, f.len },
			   &rep);
}

static const struct ipc4_audio_fmt s32 = { 48000, 32, 0xFFFFFF10, 1, 0, CH, 32,
					   IPC4_SAMPLE_LSB_INTEGER };

static uint32_t init_module(uint32_t module_id, uint32_t instance)
{
	struct ipc4_base_cfg base = { 0, 48 * CH * 4, 48 * CH * 4, 0, s32 };
	int n;

	if (module_id == IPC4_MODULE_COPIER) {
		static const uint8_t gw[4];
		struct ipc4_copier_cfg c = { base, s32, 0, IPC4_INVALID_NODE_ID, 0, 1, gw, 4 };
		n = ipc4_copier_cfg_encode(&c, cfg, sizeof(cfg));
	} else {
		struct ipc4_gain_cfg g;
		memset(&g, 0, sizeof(g));
		g.base = base;
		g.count = 1;
		g.ch[0] = (struct ipc4_volume_cfg){ IPC4_ALL_CHANNELS, IPC4_VOLUME_MAX, 0, 0 };
		n = ipc4_gain_cfg_encode(&g, cfg, sizeof(cfg));
	}
	assert_true(n > 0);
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_INIT_INSTANCE;
	req.u.init_instance.module_id = module_id;
	req.u.init_instance.instance_id = instance;
	req.u.init_instance.ppl_instance_id = 1;
	req.u.init_instance.config = cfg;
	req.u.init_instance.config_len = (uint32_t)n;
	return send();
}

static uint32_t bind(uint32_t sm, uint32_t si, uint32_t dm, uint32_t di)
{
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_BIND;
	req.u.bind = (struct ipc4_bind){ sm, si, dm, di, 0, 0 };
	return send();
}

static uint32_t set_state(uint32_t state)
{
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_SET_PIPELINE_STATE;
	req.u.set_pipeline_state.ppl_id = 1;
	req.u.set_pipeline_state.ppl_state = state;
	return send();
}

static uint32_t set_volume(uint32_t channel, uint32_t volume)
{
	static uint8_t vb[IPC4_VOLUME_CFG_BYTES];
	struct ipc4_volume_cfg v = { channel, volume, IPC4_CURVE_NONE, 0 };

	assert_int_equal(ipc4_volume_cfg_encode(&v, vb, sizeof(vb)), IPC4_VOLUME_CFG_BYTES);
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_LARGE_CONFIG_SET;
	req.u.large_config = (struct ipc4_large_config){ IPC4_MODULE_GAIN, 0, sizeof(vb),
							 IPC4_VOLUME_PARAM, 1, 1, vb, sizeof(vb) };
	return send();
}

static void run(unsigned periods)
{
	uint64_t before = frames_written;

	assert_true(fw_ll_run(fw, periods, false) == 0);
	assert_true(frames_written > before);
}

static void test_pipeline_through_ipc(void **state)
{
	const struct copier_endpoint in = { src_read, NULL, NULL }, out = { NULL, sink_write, NULL };
	struct ipc4_volume_cfg v;
	(void)state;

	fw = fw_new(NULL);
	assert_non_null(fw);
	assert_int_equal(modules_register_all(fw), 0);
	assert_int_equal(ipc4_fw_init(&h, fw), 0);

	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_CREATE_PIPELINE;
	req.u.create_pipeline.instance_id = 1;
	req.u.create_pipeline.payload = 1;
	req.u.create_pipeline.data_obj_array = 1;
	req.u.create_pipeline.has_mem_data = true;
	req.u.create_pipeline.mem_data.heap_bytes = 65536;
	assert_int_equal(send(), IPC4_SUCCESS);
	assert_int_equal(init_module(IPC4_MODULE_COPIER, 0), IPC4_SUCCESS);
	assert_int_equal(init_module(IPC4_MODULE_GAIN, 0), IPC4_SUCCESS);
	assert_int_equal(init_module(IPC4_MODULE_COPIER, 1), IPC4_SUCCESS);
	assert_int_equal(init_module(IPC4_MODULE_SRC + 1, 0), IPC4_MOD_NOT_INITIALIZED);
	assert_int_equal(bind(IPC4_MODULE_COPIER, 0, IPC4_MODULE_GAIN, 0), IPC4_SUCCESS);
	assert_int_equal(bind(IPC4_MODULE_GAIN, 0, IPC4_MODULE_COPIER, 1), IPC4_SUCCESS);
	assert_int_equal(copier_set_endpoint(fw_module_find(fw, IPC4_MODULE_COPIER, 0), &in), 0);
	assert_int_equal(copier_set_endpoint(fw_module_find(fw, IPC4_MODULE_COPIER, 1), &out), 0);

	assert_int_equal(set_state(IPC4_PPL_PAUSED), IPC4_SUCCESS);
	assert_int_equal(set_state(IPC4_PPL_RUNNING), IPC4_SUCCESS);
	run(20);
	/* unity gain: the input comes through (within a rounding step) */
	assert_true(last[0] >= HALF - 1 && last[0] <= HALF);
	assert_true(last[1] >= HALF - 1 && last[1] <= HALF);

	/* -6.02 dB on every channel, while running */
	assert_int_equal(set_volume(IPC4_ALL_CHANNELS, HALF), IPC4_SUCCESS);
	run(20);
	assert_true(last[0] >= HALF / 2 - 1 && last[0] <= HALF / 2 + 1);
	assert_true(last[1] >= HALF / 2 - 1 && last[1] <= HALF / 2 + 1);
	/* the module refuses a channel it does not have; nothing changes */
	assert_int_equal(set_volume(5, 0), IPC4_INVALID_RESOURCE_ID);
	run(5);
	assert_true(last[0] >= HALF / 2 - 1 && last[0] <= HALF / 2 + 1);

	/* read back: one 24-byte entry per channel */
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_LARGE_CONFIG_GET;
	req.u.large_config = (struct ipc4_large_config){ IPC4_MODULE_GAIN, 0, IPC4_MAILBOX_SIZE,
							 IPC4_VOLUME_PARAM, 0, 1, NULL, 0 };
	assert_int_equal(send(), IPC4_SUCCESS);
	assert_int_equal(rep.frame.len, CH * IPC4_VOLUME_CFG_BYTES);
	assert_int_equal(rep.frame.extension & 0xFFFFFu, CH * IPC4_VOLUME_CFG_BYTES);
	for (uint32_t c = 0; c < CH; c++) {
		assert_int_equal(ipc4_volume_cfg_decode(rep.frame.payload + c * 24, 24, &v),
				 IPC4_SUCCESS);
		assert_int_equal(v.channel_id, c);
		assert_int_equal(v.target_volume, HALF);
	}

	/* a running pipeline is not deleted; stop, reset, delete */
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_DELETE_PIPELINE;
	req.u.delete_pipeline.instance_id = 1;
	assert_int_equal(send(), IPC4_INVALID_RESOURCE_STATE);
	assert_int_equal(set_state(IPC4_PPL_PAUSED), IPC4_SUCCESS);
	assert_int_equal(set_state(IPC4_PPL_RESET), IPC4_SUCCESS);
	memset(&req, 0, sizeof(req));
	req.kind = IPC4_KIND_DELETE_PIPELINE;
	req.u.delete_pipeline.instance_id = 1;
	assert_int_equal(send(), IPC4_SUCCESS);
	assert_int_equal(vregion_live_count(), 0);
	assert_int_equal(fw_delete(fw), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipeline_through_ipc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
