/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The layout tables against the masks printed in ipc4-subset.md, the
 * generic field codec, and the status / type names.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "ipc4_util.h"

static void test_every_table_is_sane(void **state)
{
	(void)state;
	assert_true(ipc4_all_layouts_count >= 26);
	for (size_t i = 0; i < ipc4_all_layouts_count; i++) {
		print_message("%s\n", ipc4_all_layouts[i]->name);
		assert_int_equal(ipc4_layout_check(ipc4_all_layouts[i]), 0);
	}
}

/* No message layout may use the bits of the common header. */
static void test_message_fields_leave_header_bits(void **state)
{
	const struct ipc4_layout *msgs[] = {
		&ipc4_create_pipeline_layout, &ipc4_delete_pipeline_layout,
		&ipc4_set_pipeline_state_layout, &ipc4_get_pipeline_state_layout,
		&ipc4_init_instance_layout, &ipc4_bind_layout, &ipc4_large_config_layout,
		&ipc4_config_layout, &ipc4_delete_instance_layout,
	};
	(void)state;

	for (size_t i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++) {
		uint32_t used = 0;

		for (uint16_t f = 0; f < msgs[i]->count; f++)
			if (msgs[i]->fields[f].word == 0)
				used |= ipc4_field_mask(msgs[i], msgs[i]->fields[f].name, 0);
		assert_int_equal(used & 0xFF000000u, 0);
	}
}

struct mask_case {
	const struct ipc4_layout *l;
	const char *field;
	unsigned word;
	uint32_t mask;
};

/* Masks as printed in the reference tables (§1-§6). */
static const struct mask_case masks[] = {
	{ &ipc4_hdr_layout, "type", 0, 0x1F000000 },
	{ &ipc4_hdr_layout, "rsp", 0, 0x20000000 },
	{ &ipc4_hdr_layout, "msg_tgt", 0, 0x40000000 },
	{ &ipc4_reply_layout, "status", 0, 0x00FFFFFF },
	{ &ipc4_create_pipeline_layout, "ppl_mem_size", 0, 0x000007FF },
	{ &ipc4_create_pipeline_layout, "ppl_priority", 0, 0x0000F800 },
	{ &ipc4_create_pipeline_layout, "instance_id", 0, 0x00FF0000 },
	{ &ipc4_create_pipeline_layout, "lp", 1, 0x00000001 },
	{ &ipc4_create_pipeline_layout, "attributes", 1, 0x000FFFF0 },
	{ &ipc4_create_pipeline_layout, "core_id", 1, 0x00F00000 },
	{ &ipc4_create_pipeline_layout, "payload", 1, 0x20000000 },
	{ &ipc4_ppl_ext_hdr_layout, "payload_words", 0, 0x00FFFFFF },
	{ &ipc4_ppl_ext_hdr_layout, "data_obj_array", 0, 0x01000000 },
	{ &ipc4_obj_hdr_layout, "last_object", 0, 0x00000001 },
	{ &ipc4_obj_hdr_layout, "object_id", 0, 0x0000FFFE },
	{ &ipc4_obj_hdr_layout, "object_words", 0, 0xFFFF0000 },
	{ &ipc4_delete_pipeline_layout, "instance_id", 0, 0x00FF0000 },
	{ &ipc4_set_pipeline_state_layout, "ppl_state", 0, 0x0000FFFF },
	{ &ipc4_set_pipeline_state_layout, "ppl_id", 0, 0x00FF0000 },
	{ &ipc4_set_pipeline_state_layout, "multi_ppl", 1, 0x00000001 },
	{ &ipc4_set_pipeline_state_layout, "sync_stop_start", 1, 0x00000002 },
	{ &ipc4_get_pipeline_state_layout, "ppl_id", 0, 0x000000FF },
	{ &ipc4_get_pipeline_state_reply_layout, "state", 1, 0x0000001F },
	{ &ipc4_init_instance_layout, "module_id", 0, 0x0000FFFF },
	{ &ipc4_init_instance_layout, "instance_id", 0, 0x00FF0000 },
	{ &ipc4_init_instance_layout, "param_block_size", 1, 0x0000FFFF },
	{ &ipc4_init_instance_layout, "ppl_instance_id", 1, 0x00FF0000 },
	{ &ipc4_init_instance_layout, "core_id", 1, 0x0F000000 },
	{ &ipc4_init_instance_layout, "proc_domain", 1, 0x10000000 },
	{ &ipc4_init_instance_layout, "extended_init", 1, 0x20000000 },
	{ &ipc4_ext_init_layout, "rtos_domain", 0, 0x00000001 },
	{ &ipc4_ext_init_layout, "gna_used", 0, 0x00000002 },
	{ &ipc4_ext_init_layout, "data_obj_array", 0, 0x00000004 },
	{ &ipc4_bind_layout, "dst_module_id", 1, 0x0000FFFF },
	{ &ipc4_bind_layout, "dst_instance_id", 1, 0x00FF0000 },
	{ &ipc4_bind_layout, "dst_queue", 1, 0x07000000 },
	{ &ipc4_bind_layout, "src_queue", 1, 0x38000000 },
	{ &ipc4_large_config_layout, "data_off_size", 1, 0x000FFFFF },
	{ &ipc4_large_config_layout, "large_param_id", 1, 0x0FF00000 },
	{ &ipc4_large_config_layout, "final_block", 1, 0x10000000 },
	{ &ipc4_large_config_layout, "init_block", 1, 0x20000000 },
	{ &ipc4_config_layout, "param_id_data", 1, 0x3FFFFFFF },
	{ &ipc4_delete_instance_layout, "module_id", 0, 0x0000FFFF },
	{ &ipc4_audio_fmt_layout, "channels_count", 5, 0x000000FF },
	{ &ipc4_audio_fmt_layout, "valid_bit_depth", 5, 0x0000FF00 },
	{ &ipc4_audio_fmt_layout, "s_type", 5, 0x00FF0000 },
	{ &ipc4_base_cfg_layout, "sampling_frequency", 4, 0xFFFFFFFF },
	{ &ipc4_base_cfg_layout, "channels_count", 9, 0x000000FF },
	{ &ipc4_copier_cfg_layout, "depth", 11, 0xFFFFFFFF },   /* out_fmt.depth at +44 */
	{ &ipc4_copier_cfg_layout, "node_id", 17, 0xFFFFFFFF },  /* +68 */
	{ &ipc4_copier_cfg_layout, "config_length", 19, 0xFFFFFFFF }, /* +76 */
	{ &ipc4_src_cfg_layout, "sink_rate", 10, 0xFFFFFFFF },   /* +40 */
	{ &ipc4_pin_ext_hdr_layout, "nb_input_pins", 0, 0x0000FFFF },
	{ &ipc4_pin_ext_hdr_layout, "nb_output_pins", 0, 0xFFFF0000 },
	{ &ipc4_node_id_layout, "v_index", 0, 0x000000FF },
	{ &ipc4_node_id_layout, "dma_type", 0, 0x00001F00 },
};

static void test_masks_match_reference(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		print_message("%s.%s\n", masks[i].l->name, masks[i].field);
		assert_int_equal(ipc4_field_mask(masks[i].l, masks[i].field, masks[i].word),
				 masks[i].mask);
	}
	/* sizes of the payload structures */
	assert_int_equal(ipc4_ppl_ext_hdr_layout.words * 4, 12);
	assert_int_equal(ipc4_ext_init_layout.words * 4, 12);
	assert_int_equal(ipc4_mem_data_layout.words * 4, 12);
	assert_int_equal(ipc4_audio_fmt_layout.words * 4, 24);
	assert_int_equal(ipc4_base_cfg_layout.words * 4, 40);
	assert_int_equal(ipc4_src_cfg_layout.words * 4, 44);
	assert_int_equal(ipc4_volume_cfg_layout.words * 4, 24);
	assert_int_equal(ipc4_copier_cfg_layout.words * 4, 80);
	assert_int_equal(ipc4_pin_fmt_layout.words * 4, 32);
	assert_int_equal(ipc4_pin_ext_hdr_layout.words * 4, 16);
	assert_int_equal(ipc4_switch_hdr_layout.words * 4, 20);
}

/* A bad table is caught: overlap, out-of-word, high part without low part. */
struct two { uint32_t a, b; uint64_t w; };
static const struct ipc4_field overlap_f[] = {
	IPC4_FIELD(struct two, a, 0, 0, 8), IPC4_FIELD(struct two, b, 0, 4, 8),
};
static const struct ipc4_field outside_f[] = { IPC4_FIELD(struct two, a, 1, 0, 8) };
static const struct ipc4_field straddle_f[] = { IPC4_FIELD(struct two, a, 0, 28, 8) };
static const struct ipc4_field wide_member_f[] = { IPC4_FIELD(struct two, a, 0, 0, 32),
						   IPC4_FIELD_PART(struct two, b, 1, 0, 8, 28) };
static const struct ipc4_field high_only_f[] = { IPC4_FIELD_PART(struct two, w, 0, 0, 32, 32) };

static void test_bad_tables_are_refused(void **state)
{
	const struct ipc4_layout bad[] = {
		IPC4_LAYOUT("overlap", 1, overlap_f), IPC4_LAYOUT("outside", 1, outside_f),
		IPC4_LAYOUT("straddle", 1, straddle_f), IPC4_LAYOUT("wide", 2, wide_member_f),
		IPC4_LAYOUT("high_only", 1, high_only_f),
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ipc4_layout_check(&bad[i]), -EINVAL);
	assert_int_equal(ipc4_layout_check(NULL), -EINVAL);
}

static void test_encode_refuses_too_wide_values(void **state)
{
	struct ipc4_request r;
	struct ipc4_frame *f = malloc(sizeof(*f));
	(void)state;

	memset(&r, 0, sizeof(r));
	r.kind = IPC4_KIND_DELETE_PIPELINE;
	r.u.delete_pipeline.instance_id = 256;            /* 8 bits */
	assert_int_equal(ipc4_encode(&r, f), -ERANGE);
	r.u.delete_pipeline.instance_id = 255;
	assert_int_equal(ipc4_encode(&r, f), 0);
	assert_int_equal(f->primary, 0x12FF0000);

	memset(&r, 0, sizeof(r));
	r.kind = IPC4_KIND_BIND;
	r.u.bind.src_queue = 8;                           /* 3 bits */
	assert_int_equal(ipc4_encode(&r, f), -ERANGE);

	r.kind = IPC4_KIND_COUNT;
	assert_int_equal(ipc4_encode(&r, f), -EINVAL);
	free(f);
}

/* 64-bit members split over two words, both directions. */
static void test_wide_member(void **state)
{
	struct ipc4_volume_cfg v = { 3, 0x7FFFFFFF, 2, 0x123456789ABCDEF0ull }, w;
	uint8_t b[24];
	(void)state;

	assert_int_equal(ipc4_volume_cfg_encode(&v, b, sizeof(b)), 24);
	assert_int_equal(ipc4_le32(b + 16), 0x9ABCDEF0u);
	assert_int_equal(ipc4_le32(b + 20), 0x12345678u);
	memset(&w, 0xEE, sizeof(w));
	assert_int_equal(ipc4_fields_decode_bytes(&ipc4_volume_cfg_layout, b, 24, &w), 0);
	assert_true(w.curve_duration == v.curve_duration);
	assert_int_equal(ipc4_fields_decode_bytes(&ipc4_volume_cfg_layout, b, 23, &w), -EINVAL);
	assert_int_equal(ipc4_fields_encode_bytes(&ipc4_volume_cfg_layout, &v, b, 23), -EINVAL);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(ipc4_status_name(0), "IPC4_SUCCESS");
	assert_string_equal(ipc4_status_name(104), "IPC4_MOD_NOT_INITIALIZED");
	assert_string_equal(ipc4_status_name(164), "IPC4_PIPELINE_STATE_NOT_SET");
	assert_string_equal(ipc4_status_name(122), "IPC4_INVALID_CONFIG_DATA_STRUCT");
	assert_string_equal(ipc4_status_name(3018), "IPC4_INVALID_CHAIN_STATE_TRANSITION");
	assert_string_equal(ipc4_status_name(8), "IPC4_STATUS_UNKNOWN");
	assert_string_equal(ipc4_status_name(11), "IPC4_STATUS_UNKNOWN");
	assert_string_equal(ipc4_msg_type_name(0, 17), "CREATE_PIPELINE");
	assert_string_equal(ipc4_msg_type_name(0, 20), "GET_PIPELINE_STATE");
	assert_string_equal(ipc4_msg_type_name(0, 5), "UNKNOWN");
	assert_string_equal(ipc4_msg_type_name(0, 32), "UNKNOWN");
	assert_string_equal(ipc4_msg_type_name(1, 0), "INIT_INSTANCE");
	assert_string_equal(ipc4_msg_type_name(1, 11), "DELETE_INSTANCE");
	assert_string_equal(ipc4_msg_type_name(1, 12), "UNKNOWN");
	assert_string_equal(ipc4_msg_type_name(2, 0), "UNKNOWN");
	assert_int_equal(ipc4_kind_type(IPC4_KIND_INIT_INSTANCE), 0x100);
	assert_int_equal(ipc4_kind_type(IPC4_KIND_CREATE_PIPELINE), 17);
	assert_int_equal(ipc4_kind_type(IPC4_KIND_COUNT), 0xFFFFFFFFu);
}

static void test_reply_words(void **state)
{
	struct ipc4_reply_hdr h;
	(void)state;

	/* reserved bit 31 of the request is not copied; status clamps */
	assert_int_equal(ipc4_reply_primary(0x91010000, 0), 0x31000000);
	assert_int_equal(ipc4_reply_primary(0x11010000, 0x1000000), 0x31FFFFFF);
	ipc4_reply_decode(0xB1000009, 0x20000000, &h, NULL);
	assert_int_equal(h.status, 9);
	assert_int_equal(h.type, 17);
	assert_int_equal(h.rsp, 1);
	assert_int_equal(h.msg_tgt, 0);
	assert_int_equal(ipc4_get_pipeline_state_reply_ext(IPC4_PPL_RUNNING), 4);
	assert_int_equal(ipc4_get_pipeline_state_reply_state(0xC0000FE4u), 4);
	/* LARGE_CONFIG_GET reply extension (§6.3) */
	assert_int_equal(ipc4_large_config_get_reply_ext(0x20000000 | 4096, 24, false),
			 0x30000000 | 24);
	assert_int_equal(ipc4_large_config_get_reply_ext(0x20000000 | 8192, 4096, false),
			 0x20000000 | 4096);
	assert_int_equal(ipc4_large_config_get_reply_ext(0x20000000 | 8192, 0, true), 0x30000000);
	assert_int_equal(ipc4_large_config_get_reply_ext(0x10000000 | (5u << 20), 4096, false),
			 0x10000000 | (5u << 20) | 4096);
	assert_int_equal(ipc4_large_config_get_reply_ext(0xC0000000u, 0x1FFFFF, false),
			 0xC0000000u | 0xFFFFF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_table_is_sane),
		cmocka_unit_test(test_message_fields_leave_header_bits),
		cmocka_unit_test(test_masks_match_reference),
		cmocka_unit_test(test_bad_tables_are_refused),
		cmocka_unit_test(test_encode_refuses_too_wide_values),
		cmocka_unit_test(test_wide_member),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_reply_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
