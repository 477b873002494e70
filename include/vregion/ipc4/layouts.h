/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The layout tables: the one description of every IPC4 bit layout the codec
 * knows (see fields.h). Header layouts use word 0 = primary and
 * word 1 = extension; payload layouts count words from their first byte.
 */
#ifndef VREGION_IPC4_LAYOUTS_H
#define VREGION_IPC4_LAYOUTS_H

#include <stddef.h>

#include <vregion/ipc4/fields.h>

#ifdef __cplusplus
extern "C" {
#endif

/* headers */
extern const struct ipc4_layout ipc4_hdr_layout;            /* type, rsp, msg_tgt */
extern const struct ipc4_layout ipc4_reply_layout;          /* status, type, rsp, msg_tgt */
extern const struct ipc4_layout ipc4_create_pipeline_layout;
extern const struct ipc4_layout ipc4_delete_pipeline_layout;
extern const struct ipc4_layout ipc4_set_pipeline_state_layout;
extern const struct ipc4_layout ipc4_get_pipeline_state_layout;
extern const struct ipc4_layout ipc4_get_pipeline_state_reply_layout;
extern const struct ipc4_layout ipc4_init_instance_layout;
extern const struct ipc4_layout ipc4_bind_layout;
extern const struct ipc4_layout ipc4_large_config_layout;
extern const struct ipc4_layout ipc4_config_layout;
extern const struct ipc4_layout ipc4_delete_instance_layout;
/* payloads */
extern const struct ipc4_layout ipc4_ppl_ext_hdr_layout;    /* 12 bytes */
extern const struct ipc4_layout ipc4_ext_init_layout;       /* 12 bytes */
extern const struct ipc4_layout ipc4_obj_hdr_layout;        /* 4 bytes */
extern const struct ipc4_layout ipc4_mem_data_layout;       /* 12 bytes, MEM_DATA and DP_DATA */
extern const struct ipc4_layout ipc4_audio_fmt_layout;      /* 24 bytes */
extern const struct ipc4_layout ipc4_base_cfg_layout;       /* 40 bytes */
extern const struct ipc4_layout ipc4_pin_ext_hdr_layout;    /* 16 bytes */
extern const struct ipc4_layout ipc4_pin_fmt_layout;        /* 32 bytes */
extern const struct ipc4_layout ipc4_src_cfg_layout;        /* 44 bytes */
extern const struct ipc4_layout ipc4_volume_cfg_layout;     /* 24 bytes */
extern const struct ipc4_layout ipc4_copier_cfg_layout;     /* 80 bytes before the blob */
extern const struct ipc4_layout ipc4_node_id_layout;        /* 1 word */
extern const struct ipc4_layout ipc4_switch_hdr_layout;     /* 20 bytes */
extern const struct ipc4_layout ipc4_tlv_hdr_layout;        /* 8 bytes */

/** Every layout above, for table-wide tests and tools. */
extern const struct ipc4_layout *const ipc4_all_layouts[];
extern const size_t ipc4_all_layouts_count;

#ifdef __cplusplus
}
#endif
#endif
