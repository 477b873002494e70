/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The worked examples of ipc4-subset.md §11: each decodes to the documented
 * fields and re-encodes to the same words and bytes; replies match.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "ipc4_util.h"

static void expect_reencode(const struct ipc4_request *r, uint32_t primary, uint32_t extension,
			    const uint8_t *bytes, uint32_t len)
{
	static struct ipc4_frame f;

	assert_int_equal(ipc4_encode(r, &f), 0);
	assert_int_equal(f.primary, primary);
	assert_int_equal(f.extension, extension);
	assert_int_equal(f.len, len);
	if (len)
		assert_memory_equal(f.payload, bytes, len);
}

/* The 8 header bytes on the wire, primary first, little-endian. */
static void expect_wire(uint32_t primary, uint32_t extension, const uint8_t wire[8])
{
	uint8_t b[8];

	ipc4_put_le32(b, primary);
	ipc4_put_le32(b + 4, extension);
	assert_memory_equal(b, wire, 8);
}

static const uint8_t create_payload[28] = {
	0x07, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0,
	0x03, 0x00, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
	0x00, 0x00, 0x01, 0x00,
};

static void test_11_1_create_pipeline(void **state)
{
	static struct ipc4_request r;
	const uint8_t wire[8] = { 0x00, 0x00, 0x01, 0x11, 0x00, 0x00, 0x00, 0x20 };
	const struct ipc4_create_pipeline *cp = &r.u.create_pipeline;
	(void)state;

	expect_wire(0x11010000, 0x20000000, wire);
	assert_int_equal(decode_exact(0x11010000, 0x20000000, create_payload, 28, &r), IPC4_SUCCESS);
	assert_int_equal(r.kind, IPC4_KIND_CREATE_PIPELINE);
	assert_int_equal(r.hdr.type, 17);
	assert_int_equal(r.hdr.msg_tgt, 0);
	assert_int_equal(cp->instance_id, 1);
	assert_int_equal(cp->ppl_priority, 0);
	assert_int_equal(cp->core_id, 0);
	assert_int_equal(cp->payload, 1);
	assert_int_equal(cp->payload_words, 7);
	assert_int_equal(cp->data_obj_array, 1);
	assert_true(cp->has_mem_data);
	assert_int_equal(cp->mem_data.domain_id, 0);
	assert_int_equal(cp->mem_data.stack_bytes, 0);
	assert_int_equal(cp->mem_data.heap_bytes, 65536);
	expect_reencode(&r, 0x11010000, 0x20000000, create_payload, 28);
	assert_int_equal(ipc4_reply_primary(0x11010000, IPC4_SUCCESS), 0x31000000);
}

static const uint8_t init_payload[72] = {
	0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0x03, 0x00, 0x03, 0x00,
	0, 0, 0, 0, 0x00, 0x10, 0x00, 0x00, 0x00, 0x50, 0x00, 0x00,
	0, 0, 0, 0, 0x68, 0x01, 0, 0, 0x80, 0x01, 0, 0, 0, 0, 0, 0,
	0x44, 0xac, 0, 0, 0x20, 0, 0, 0, 0x10, 0xff, 0xff, 0xff, 0x01, 0, 0, 0,
	0, 0, 0, 0, 0x02, 0x20, 0x01, 0x00, 0x80, 0xbb, 0x00, 0x00,
};

static void test_11_2_init_instance(void **state)
{
	static struct ipc4_request r;
	const uint8_t wire[8] = { 0x08, 0x00, 0x00, 0x40, 0x12, 0x00, 0x01, 0x30 };
	const struct ipc4_init_instance *ii = &r.u.init_instance;
	struct ipc4_src_cfg src;
	uint8_t again[44];
	(void)state;

	expect_wire(0x40000008, 0x30010012, wire);
	assert_int_equal(decode_exact(0x40000008, 0x30010012, init_payload, 72, &r), IPC4_SUCCESS);
	assert_int_equal(r.kind, IPC4_KIND_INIT_INSTANCE);
	assert_int_equal(ii->module_id, 8);
	assert_int_equal(ii->instance_id, 0);
	assert_int_equal(ii->param_block_size, 18);
	assert_int_equal(ii->ppl_instance_id, 1);
	assert_int_equal(ii->core_id, 0);
	assert_int_equal(ii->proc_domain, IPC4_DOMAIN_DP);
	assert_int_equal(ii->extended_init, 1);
	assert_int_equal(ii->data_obj_array, 1);
	assert_true(ii->has_dp_data);
	assert_false(ii->has_module_data);
	assert_int_equal(ii->dp_data.domain_id, 0);
	assert_int_equal(ii->dp_data.stack_bytes, 4096);
	assert_int_equal(ii->dp_data.heap_bytes, 20480);
	assert_int_equal(ii->config_len, 44);

	assert_int_equal(ipc4_src_cfg_decode(ii->config, ii->config_len, &src), IPC4_SUCCESS);
	assert_int_equal(src.base.cpc, 0);
	assert_int_equal(src.base.ibs, 360);
	assert_int_equal(src.base.obs, 384);
	assert_int_equal(src.base.is_pages, 0);
	assert_int_equal(src.base.fmt.sampling_frequency, 44100);
	assert_int_equal(src.base.fmt.depth, 32);
	assert_int_equal(src.base.fmt.ch_map, 0xFFFFFF10u);
	assert_int_equal(src.base.fmt.ch_cfg, 1);
	assert_int_equal(src.base.fmt.interleaving_style, 0);
	assert_int_equal(src.base.fmt.channels_count, 2);
	assert_int_equal(src.base.fmt.valid_bit_depth, 32);
	assert_int_equal(src.base.fmt.s_type, IPC4_SAMPLE_LSB_INTEGER);
	assert_int_equal(src.sink_rate, 48000);
	assert_int_equal(ipc4_src_cfg_encode(&src, again, sizeof(again)), 44);
	assert_memory_equal(again, init_payload + 28, 44);

	expect_reencode(&r, 0x40000008, 0x30010012, init_payload, 72);
	assert_int_equal(ipc4_reply_primary(0x40000008, IPC4_SUCCESS), 0x60000000);
	assert_int_equal(ipc4_reply_primary(0x40000008, IPC4_MOD_NOT_INITIALIZED), 0x60000068);
}

static void test_11_3_bind(void **state)
{
	static struct ipc4_request r;
	const uint8_t wire[8] = { 0x04, 0x00, 0x00, 0x45, 0x08, 0x00, 0x00, 0x00 };
	struct ipc4_reply_hdr rh;
	uint32_t ext;
	(void)state;

	expect_wire(0x45000004, 0x00000008, wire);
	assert_int_equal(decode_exact(0x45000004, 0x00000008, NULL, 0, &r), IPC4_SUCCESS);
	assert_int_equal(r.kind, IPC4_KIND_BIND);
	assert_int_equal(r.u.bind.module_id, 4);
	assert_int_equal(r.u.bind.instance_id, 0);
	assert_int_equal(r.u.bind.dst_module_id, 8);
	assert_int_equal(r.u.bind.dst_instance_id, 0);
	assert_int_equal(r.u.bind.dst_queue, 0);
	assert_int_equal(r.u.bind.src_queue, 0);
	expect_reencode(&r, 0x45000004, 0x00000008, NULL, 0);

	/* bit check: dst_queue 1, src_queue 2 */
	r.u.bind.dst_queue = 1;
	r.u.bind.src_queue = 2;
	expect_reencode(&r, 0x45000004, 0x11000008, NULL, 0);
	assert_int_equal(decode_exact(0x45000004, 0x11000008, NULL, 0, &r), IPC4_SUCCESS);
	assert_int_equal(r.u.bind.dst_queue, 1);
	assert_int_equal(r.u.bind.src_queue, 2);

	assert_int_equal(ipc4_reply_primary(0x45000004, IPC4_SUCCESS), 0x65000000);
	ipc4_reply_decode(0x65000000, 0x00000008, &rh, &ext);
	assert_int_equal(rh.status, 0);
	assert_int_equal(rh.type, IPC4_MOD_BIND);
	assert_int_equal(rh.rsp, 1);
	assert_int_equal(rh.msg_tgt, 1);
	assert_int_equal(ext, 8);
}

static void test_11_4_set_pipeline_state(void **state)
{
	static struct ipc4_request r;
	const uint8_t wire[8] = { 0x04, 0x00, 0x01, 0x13, 0, 0, 0, 0 };
	const uint8_t multi[12] = { 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0 };
	const struct ipc4_set_pipeline_state *s = &r.u.set_pipeline_state;
	(void)state;

	expect_wire(0x13010004, 0, wire);
	assert_int_equal(decode_exact(0x13010004, 0, NULL, 0, &r), IPC4_SUCCESS);
	assert_int_equal(r.kind, IPC4_KIND_SET_PIPELINE_STATE);
	assert_int_equal(s->ppl_id, 1);
	assert_int_equal(s->ppl_state, IPC4_PPL_RUNNING);
	assert_int_equal(s->multi_ppl, 0);
	expect_reencode(&r, 0x13010004, 0, NULL, 0);

	assert_int_equal(decode_exact(0x13010003, 0, NULL, 0, &r), IPC4_SUCCESS);
	assert_int_equal(s->ppl_state, IPC4_PPL_PAUSED);
	assert_int_equal(ipc4_reply_primary(0x13010004, IPC4_INVALID_REQUEST), 0x33000007);
	assert_int_equal(ipc4_reply_primary(0x13010004, IPC4_SUCCESS), 0x33000000);

	assert_int_equal(decode_exact(0x13000004, 1, multi, 12, &r), IPC4_SUCCESS);
	assert_int_equal(s->multi_ppl, 1);
	assert_int_equal(s->ppl_state, IPC4_PPL_RUNNING);
	assert_int_equal(s->count, 2);
	assert_int_equal(s->ppl_ids[0], 1);
	assert_int_equal(s->ppl_ids[1], 2);
	expect_reencode(&r, 0x13000004, 1, multi, 12);
}

static void test_11_5_large_config_volume(void **state)
{
	static struct ipc4_request r;
	const uint8_t vol[24] = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x40, 0x01, 0, 0, 0,
		0, 0, 0, 0, 0x40, 0x0d, 0x03, 0x00, 0, 0, 0, 0,
	};
	const struct ipc4_large_config *lc = &r.u.large_config;
	struct ipc4_volume_cfg v;
	uint8_t again[24];
	(void)state;

	assert_int_equal(decode_exact(0x44000006, 0x30000018, vol, 24, &r), IPC4_SUCCESS);
	assert_int_equal(r.kind, IPC4_KIND_LARGE_CONFIG_SET);
	assert_int_equal(lc->module_id, 6);
	assert_int_equal(lc->instance_id, 0);
	assert_int_equal(lc->data_off_size, 24);
	assert_int_equal(lc->large_param_id, IPC4_VOLUME_PARAM);
	assert_int_equal(lc->final_block, 1);
	assert_int_equal(lc->init_block, 1);
	assert_int_equal(lc->data_len, 24);
	assert_int_equal(ipc4_volume_cfg_decode(lc->data, lc->data_len, &v), IPC4_SUCCESS);
	assert_int_equal(v.channel_id, IPC4_ALL_CHANNELS);
	assert_int_equal(v.target_volume, 0x40000000);
	assert_int_equal(v.curve_type, IPC4_CURVE_WINDOWS_FADE);
	assert_true(v.curve_duration == 200000u);
	assert_int_equal(ipc4_volume_cfg_encode(&v, again, sizeof(again)), 24);
	assert_memory_equal(again, vol, 24);
	expect_reencode(&r, 0x44000006, 0x30000018, vol, 24);
}

static void test_11_5_other_headers(void **state)
{
	static struct ipc4_request r;
	(void)state;

	assert_int_equal(decode_exact(0x4B000008, 0, NULL, 0, &r), IPC4_SUCCESS);
	assert_int_equal(r.kind, IPC4_KIND_DELETE_INSTANCE);
	assert_int_equal(r.u.delete_instance.module_id, 8);
	assert_int_equal(r.u.delete_instance.instance_id, 0);
	expect_reencode(&r, 0x4B000008, 0, NULL, 0);

	assert_int_equal(decode_exact(0x12010000, 0, NULL, 0, &r), IPC4_SUCCESS);
	assert_int_equal(r.kind, IPC4_KIND_DELETE_PIPELINE);
	assert_int_equal(r.u.delete_pipeline.instance_id, 1);
	expect_reencode(&r, 0x12010000, 0, NULL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_11_1_create_pipeline),
		cmocka_unit_test(test_11_2_init_instance),
		cmocka_unit_test(test_11_3_bind),
		cmocka_unit_test(test_11_4_set_pipeline_state),
		cmocka_unit_test(test_11_5_large_config_volume),
		cmocka_unit_test(test_11_5_other_headers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
