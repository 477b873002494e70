/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Every IPC4 bit layout, written once (reference ipc4-subset.md §1-§6).
 * Header layouts: word 0 = primary, word 1 = extension.
 */
#include <vregion/ipc4/layouts.h>
#include <vregion/ipc4/modcfg.h>
#include <vregion/ipc4/msg.h>
#include <vregion/ipc4/largecfg.h>

/* ---- common header (§1.1) and reply (§1.2) ---- */
static const struct ipc4_field hdr_f[] = {
	IPC4_FIELD(struct ipc4_hdr, type, 0, 24, 5),
	IPC4_FIELD(struct ipc4_hdr, rsp, 0, 29, 1),
	IPC4_FIELD(struct ipc4_hdr, msg_tgt, 0, 30, 1),
};
const struct ipc4_layout ipc4_hdr_layout = IPC4_LAYOUT("header", 2, hdr_f);

static const struct ipc4_field reply_f[] = {
	IPC4_FIELD(struct ipc4_reply_hdr, status, 0, 0, 24),
	IPC4_FIELD(struct ipc4_reply_hdr, type, 0, 24, 5),
	IPC4_FIELD(struct ipc4_reply_hdr, rsp, 0, 29, 1),
	IPC4_FIELD(struct ipc4_reply_hdr, msg_tgt, 0, 30, 1),
};
const struct ipc4_layout ipc4_reply_layout = IPC4_LAYOUT("reply", 2, reply_f);

/* ---- pipeline messages (§2, §3) ---- */
#define CP struct ipc4_create_pipeline
static const struct ipc4_field create_pipeline_f[] = {
	IPC4_FIELD(CP, ppl_mem_size, 0, 0, 11),
	IPC4_FIELD(CP, ppl_priority, 0, 11, 5),
	IPC4_FIELD(CP, instance_id, 0, 16, 8),
	IPC4_FIELD(CP, lp, 1, 0, 1),
	IPC4_FIELD(CP, attributes, 1, 4, 16),
	IPC4_FIELD(CP, core_id, 1, 20, 4),
	IPC4_FIELD(CP, payload, 1, 29, 1),
};
const struct ipc4_layout ipc4_create_pipeline_layout =
	IPC4_LAYOUT("CREATE_PIPELINE", 2, create_pipeline_f);

static const struct ipc4_field ppl_ext_hdr_f[] = {
	IPC4_FIELD(CP, payload_words, 0, 0, 24),
	IPC4_FIELD(CP, data_obj_array, 0, 24, 1),
};
const struct ipc4_layout ipc4_ppl_ext_hdr_layout =
	IPC4_LAYOUT("pipeline_ext_payload", 3, ppl_ext_hdr_f);
#undef CP

static const struct ipc4_field delete_pipeline_f[] = {
	IPC4_FIELD(struct ipc4_delete_pipeline, instance_id, 0, 16, 8),
};
const struct ipc4_layout ipc4_delete_pipeline_layout =
	IPC4_LAYOUT("DELETE_PIPELINE", 2, delete_pipeline_f);

#define SPS struct ipc4_set_pipeline_state
static const struct ipc4_field set_pipeline_state_f[] = {
	IPC4_FIELD(SPS, ppl_state, 0, 0, 16),
	IPC4_FIELD(SPS, ppl_id, 0, 16, 8),
	IPC4_FIELD(SPS, multi_ppl, 1, 0, 1),
	IPC4_FIELD(SPS, sync_stop_start, 1, 1, 1),
};
#undef SPS
const struct ipc4_layout ipc4_set_pipeline_state_layout =
	IPC4_LAYOUT("SET_PIPELINE_STATE", 2, set_pipeline_state_f);

static const struct ipc4_field get_pipeline_state_f[] = {
	IPC4_FIELD(struct ipc4_get_pipeline_state, ppl_id, 0, 0, 8),
};
const struct ipc4_layout ipc4_get_pipeline_state_layout =
	IPC4_LAYOUT("GET_PIPELINE_STATE", 2, get_pipeline_state_f);

static const struct ipc4_field get_pipeline_state_reply_f[] = {
	IPC4_FIELD(struct ipc4_get_pipeline_state_reply, state, 1, 0, 5),
};
const struct ipc4_layout ipc4_get_pipeline_state_reply_layout =
	IPC4_LAYOUT("GET_PIPELINE_STATE reply", 2, get_pipeline_state_reply_f);

/* ---- objects shared by CREATE_PIPELINE and INIT_INSTANCE (§2.2, §4.2) ---- */
static const struct ipc4_field obj_hdr_f[] = {
	IPC4_FIELD(struct ipc4_obj_hdr, last_object, 0, 0, 1),
	IPC4_FIELD(struct ipc4_obj_hdr, object_id, 0, 1, 15),
	IPC4_FIELD(struct ipc4_obj_hdr, object_words, 0, 16, 16),
};
const struct ipc4_layout ipc4_obj_hdr_layout = IPC4_LAYOUT("object_header", 1, obj_hdr_f);

static const struct ipc4_field mem_data_f[] = {
	IPC4_FIELD(struct ipc4_mem_data, domain_id, 0, 0, 32),
	IPC4_FIELD(struct ipc4_mem_data, stack_bytes, 1, 0, 32),
	IPC4_FIELD(struct ipc4_mem_data, heap_bytes, 2, 0, 32),
};
const struct ipc4_layout ipc4_mem_data_layout = IPC4_LAYOUT("mem_data", 3, mem_data_f);

/* ---- module messages (§4-§7) ---- */
#define MODULE_IDS(T) IPC4_FIELD(T, module_id, 0, 0, 16), IPC4_FIELD(T, instance_id, 0, 16, 8)

#define II struct ipc4_init_instance
static const struct ipc4_field init_instance_f[] = {
	MODULE_IDS(II),
	IPC4_FIELD(II, param_block_size, 1, 0, 16),
	IPC4_FIELD(II, ppl_instance_id, 1, 16, 8),
	IPC4_FIELD(II, core_id, 1, 24, 4),
	IPC4_FIELD(II, proc_domain, 1, 28, 1),
	IPC4_FIELD(II, extended_init, 1, 29, 1),
};
const struct ipc4_layout ipc4_init_instance_layout =
	IPC4_LAYOUT("INIT_INSTANCE", 2, init_instance_f);

static const struct ipc4_field ext_init_f[] = {
	IPC4_FIELD(II, rtos_domain, 0, 0, 1),
	IPC4_FIELD(II, gna_used, 0, 1, 1),
	IPC4_FIELD(II, data_obj_array, 0, 2, 1),
};
const struct ipc4_layout ipc4_ext_init_layout = IPC4_LAYOUT("module_init_ext_init", 3, ext_init_f);
#undef II

#define BD struct ipc4_bind
static const struct ipc4_field bind_f[] = {
	MODULE_IDS(BD),
	IPC4_FIELD(BD, dst_module_id, 1, 0, 16),
	IPC4_FIELD(BD, dst_instance_id, 1, 16, 8),
	IPC4_FIELD(BD, dst_queue, 1, 24, 3),
	IPC4_FIELD(BD, src_queue, 1, 27, 3),
};
#undef BD
const struct ipc4_layout ipc4_bind_layout = IPC4_LAYOUT("BIND/UNBIND", 2, bind_f);

#define LC struct ipc4_large_config
static const struct ipc4_field large_config_f[] = {
	MODULE_IDS(LC),
	IPC4_FIELD(LC, data_off_size, 1, 0, 20),
	IPC4_FIELD(LC, large_param_id, 1, 20, 8),
	IPC4_FIELD(LC, final_block, 1, 28, 1),
	IPC4_FIELD(LC, init_block, 1, 29, 1),
};
#undef LC
const struct ipc4_layout ipc4_large_config_layout =
	IPC4_LAYOUT("LARGE_CONFIG_SET/GET", 2, large_config_f);

static const struct ipc4_field config_f[] = {
	MODULE_IDS(struct ipc4_config),
	IPC4_FIELD(struct ipc4_config, param_id_data, 1, 0, 30),
};
const struct ipc4_layout ipc4_config_layout = IPC4_LAYOUT("CONFIG_SET/GET", 2, config_f);

static const struct ipc4_field delete_instance_f[] = {
	MODULE_IDS(struct ipc4_delete_instance),
};
const struct ipc4_layout ipc4_delete_instance_layout =
	IPC4_LAYOUT("DELETE_INSTANCE", 2, delete_instance_f);

/* ---- module configurations (§4.3-§4.6) ---- */
#define AF struct ipc4_audio_fmt
static const struct ipc4_field audio_fmt_f[] = {
	IPC4_FIELD(AF, sampling_frequency, 0, 0, 32),
	IPC4_FIELD(AF, depth, 1, 0, 32),
	IPC4_FIELD(AF, ch_map, 2, 0, 32),
	IPC4_FIELD(AF, ch_cfg, 3, 0, 32),
	IPC4_FIELD(AF, interleaving_style, 4, 0, 32),
	IPC4_FIELD(AF, channels_count, 5, 0, 8),
	IPC4_FIELD(AF, valid_bit_depth, 5, 8, 8),
	IPC4_FIELD(AF, s_type, 5, 16, 8),
};
#undef AF
const struct ipc4_layout ipc4_audio_fmt_layout = IPC4_LAYOUT("audio_format", 6, audio_fmt_f);

#define BC struct ipc4_base_cfg
static const struct ipc4_field base_cfg_f[] = {
	IPC4_FIELD(BC, cpc, 0, 0, 32),
	IPC4_FIELD(BC, ibs, 1, 0, 32),
	IPC4_FIELD(BC, obs, 2, 0, 32),
	IPC4_FIELD(BC, is_pages, 3, 0, 32),
	IPC4_EMBED(BC, fmt, 4, ipc4_audio_fmt_layout),
};
#undef BC
const struct ipc4_layout ipc4_base_cfg_layout = IPC4_LAYOUT("base_module_cfg", 10, base_cfg_f);

static const struct ipc4_field pin_ext_hdr_f[] = {
	IPC4_FIELD(struct ipc4_base_cfg_ext, nb_input_pins, 0, 0, 16),
	IPC4_FIELD(struct ipc4_base_cfg_ext, nb_output_pins, 0, 16, 16),
};
const struct ipc4_layout ipc4_pin_ext_hdr_layout =
	IPC4_LAYOUT("base_module_cfg_ext", 4, pin_ext_hdr_f);

static const struct ipc4_field pin_fmt_f[] = {
	IPC4_FIELD(struct ipc4_pin_fmt, pin_index, 0, 0, 32),
	IPC4_FIELD(struct ipc4_pin_fmt, buf_size, 1, 0, 32),
	IPC4_EMBED(struct ipc4_pin_fmt, fmt, 2, ipc4_audio_fmt_layout),
};
const struct ipc4_layout ipc4_pin_fmt_layout = IPC4_LAYOUT("pin_format", 8, pin_fmt_f);

static const struct ipc4_field src_cfg_f[] = {
	IPC4_EMBED(struct ipc4_src_cfg, base, 0, ipc4_base_cfg_layout),
	IPC4_FIELD(struct ipc4_src_cfg, sink_rate, 10, 0, 32),
};
const struct ipc4_layout ipc4_src_cfg_layout = IPC4_LAYOUT("config_src", 11, src_cfg_f);

#define VC struct ipc4_volume_cfg
static const struct ipc4_field volume_cfg_f[] = {
	IPC4_FIELD(VC, channel_id, 0, 0, 32),
	IPC4_FIELD(VC, target_volume, 1, 0, 32),
	IPC4_FIELD(VC, curve_type, 2, 0, 32),
	IPC4_FIELD_PART(VC, curve_duration, 4, 0, 32, 0),
	IPC4_FIELD_PART(VC, curve_duration, 5, 0, 32, 32),
};
#undef VC
const struct ipc4_layout ipc4_volume_cfg_layout =
	IPC4_LAYOUT("peak_volume_config", 6, volume_cfg_f);

#define CC struct ipc4_copier_cfg
static const struct ipc4_field copier_cfg_f[] = {
	IPC4_EMBED(CC, base, 0, ipc4_base_cfg_layout),
	IPC4_EMBED(CC, out_fmt, 10, ipc4_audio_fmt_layout),
	IPC4_FIELD(CC, copier_feature_mask, 16, 0, 32),
	IPC4_FIELD(CC, node_id, 17, 0, 32),
	IPC4_FIELD(CC, dma_buffer_size, 18, 0, 32),
	IPC4_FIELD(CC, config_length, 19, 0, 32),
};
#undef CC
const struct ipc4_layout ipc4_copier_cfg_layout =
	IPC4_LAYOUT("copier_module_cfg", 20, copier_cfg_f);

static const struct ipc4_field node_id_f[] = {
	IPC4_FIELD(struct ipc4_node_id, v_index, 0, 0, 8),
	IPC4_FIELD(struct ipc4_node_id, dma_type, 0, 8, 5),
};
const struct ipc4_layout ipc4_node_id_layout = IPC4_LAYOUT("connector_node_id", 1, node_id_f);

static const struct ipc4_field switch_hdr_f[] = {
	IPC4_FIELD(struct ipc4_switch_ctl, id, 0, 0, 16),
	IPC4_FIELD(struct ipc4_switch_ctl, num_elems, 0, 16, 16),
};
const struct ipc4_layout ipc4_switch_hdr_layout =
	IPC4_LAYOUT("control_msg_payload", 5, switch_hdr_f);

static const struct ipc4_field tlv_hdr_f[] = {
	IPC4_FIELD(struct ipc4_tlv, type, 0, 0, 32),
	IPC4_FIELD(struct ipc4_tlv, length, 1, 0, 32),
};
const struct ipc4_layout ipc4_tlv_hdr_layout = IPC4_LAYOUT("tlv", 2, tlv_hdr_f);

const struct ipc4_layout *const ipc4_all_layouts[] = {
	&ipc4_hdr_layout, &ipc4_reply_layout, &ipc4_create_pipeline_layout,
	&ipc4_delete_pipeline_layout, &ipc4_set_pipeline_state_layout,
	&ipc4_get_pipeline_state_layout, &ipc4_get_pipeline_state_reply_layout,
	&ipc4_init_instance_layout, &ipc4_bind_layout, &ipc4_large_config_layout,
	&ipc4_config_layout, &ipc4_delete_instance_layout, &ipc4_ppl_ext_hdr_layout,
	&ipc4_ext_init_layout, &ipc4_obj_hdr_layout, &ipc4_mem_data_layout,
	&ipc4_audio_fmt_layout, &ipc4_base_cfg_layout, &ipc4_pin_ext_hdr_layout,
	&ipc4_pin_fmt_layout, &ipc4_src_cfg_layout, &ipc4_volume_cfg_layout,
	&ipc4_copier_cfg_layout, &ipc4_node_id_layout, &ipc4_switch_hdr_layout,
	&ipc4_tlv_hdr_layout,
};
const size_t ipc4_all_layouts_count = sizeof(ipc4_all_layouts) / sizeof(ipc4_all_layouts[0]);
