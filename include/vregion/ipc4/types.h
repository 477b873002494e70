/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * IPC4 numbers shared by the codec, the handler and the tools: message
 * types, pipeline states, object ids, limits and our module manifest.
 */
#ifndef VREGION_IPC4_TYPES_H
#define VREGION_IPC4_TYPES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One limit for every payload in both directions (reference §10 [REC]). */
#define IPC4_MAILBOX_SIZE 4096u
/** Largest reassembled LARGE_CONFIG_SET blob. */
#define IPC4_MAX_BLOB_SIZE 8192u
/** Most pipeline ids one multi-pipeline SET_PIPELINE_STATE can carry. */
#define IPC4_MAX_MULTI_PPL ((IPC4_MAILBOX_SIZE - 4u) / 4u)
/** Most channels of any audio format. */
#define IPC4_MAX_CHANNELS 8u
/** Most input or output pins of a module. */
#define IPC4_MAX_PINS 8u
/** Parent pipeline id meaning "no parent" in INIT_INSTANCE. */
#define IPC4_INVALID_PIPELINE_ID 0xFFu
/** channel_id of a volume entry that applies to every channel. */
#define IPC4_ALL_CHANNELS 0xFFFFFFFFu
/** copier node_id meaning "no gateway". */
#define IPC4_INVALID_NODE_ID 0xFFFFFFFFu
/** target_volume of unity gain (Q1.31 maximum). */
#define IPC4_VOLUME_MAX 0x7FFFFFFFu

/** msg_tgt values. */
enum ipc4_target { IPC4_TGT_GLOBAL = 0, IPC4_TGT_MODULE = 1 };

/** Global message types (msg_tgt = 0). */
enum ipc4_global_type {
	IPC4_GLB_BOOT_CONFIG = 0,
	IPC4_GLB_ROM_CONTROL = 1,
	IPC4_GLB_IPCGATEWAY_CMD = 2,
	IPC4_GLB_PERF_MEASUREMENTS_CMD = 13,
	IPC4_GLB_CHAIN_DMA = 14,
	IPC4_GLB_LOAD_MULTIPLE_MODULES = 15,
	IPC4_GLB_UNLOAD_MULTIPLE_MODULES = 16,
	IPC4_GLB_CREATE_PIPELINE = 17,
	IPC4_GLB_DELETE_PIPELINE = 18,
	IPC4_GLB_SET_PIPELINE_STATE = 19,
	IPC4_GLB_GET_PIPELINE_STATE = 20,
	IPC4_GLB_GET_PIPELINE_CONTEXT_SIZE = 21,
	IPC4_GLB_SAVE_PIPELINE = 22,
	IPC4_GLB_RESTORE_PIPELINE = 23,
	IPC4_GLB_LOAD_LIBRARY = 24,
	IPC4_GLB_LOAD_LIBRARY_PREPARE = 25,
	IPC4_GLB_INTERNAL_MESSAGE = 26,
	IPC4_GLB_NOTIFICATION = 27,
	IPC4_GLB_ENTER_GDB = 31,
};

/** Module message types (msg_tgt = 1). */
enum ipc4_module_type {
	IPC4_MOD_INIT_INSTANCE = 0,
	IPC4_MOD_CONFIG_GET = 1,
	IPC4_MOD_CONFIG_SET = 2,
	IPC4_MOD_LARGE_CONFIG_GET = 3,
	IPC4_MOD_LARGE_CONFIG_SET = 4,
	IPC4_MOD_BIND = 5,
	IPC4_MOD_UNBIND = 6,
	IPC4_MOD_SET_DX = 7,
	IPC4_MOD_SET_D0IX = 8,
	IPC4_MOD_ENTER_MODULE_RESTORE = 9,
	IPC4_MOD_EXIT_MODULE_RESTORE = 10,
	IPC4_MOD_DELETE_INSTANCE = 11,
};

/** Pipeline states as the host sees them (SET/GET_PIPELINE_STATE). */
enum ipc4_pipeline_state {
	IPC4_PPL_INVALID = 0,
	IPC4_PPL_UNINITIALIZED = 1,
	IPC4_PPL_RESET = 2,
	IPC4_PPL_PAUSED = 3,
	IPC4_PPL_RUNNING = 4,
	IPC4_PPL_EOS = 5,
	IPC4_PPL_ERROR_STOP = 6,
	IPC4_PPL_SAVED = 7,
};

/** CREATE_PIPELINE extension-payload object ids. */
enum ipc4_ppl_obj_id { IPC4_PPL_OBJ_INVALID = 0, IPC4_PPL_OBJ_MEM_DATA = 1 };
/** INIT_INSTANCE ext-init object ids. */
enum ipc4_mod_obj_id {
	IPC4_MOD_OBJ_INVALID = 0,
	IPC4_MOD_OBJ_DP_DATA = 1,
	IPC4_MOD_OBJ_MODULE_DATA = 2,
};

/** INIT_INSTANCE proc_domain values. */
enum ipc4_proc_domain { IPC4_DOMAIN_LL = 0, IPC4_DOMAIN_DP = 1 };

/** Sample types of an audio format (s_type). */
enum ipc4_sample_type {
	IPC4_SAMPLE_MSB_INTEGER = 0,
	IPC4_SAMPLE_LSB_INTEGER = 1,
	IPC4_SAMPLE_SIGNED_INTEGER = 2,
	IPC4_SAMPLE_UNSIGNED_INTEGER = 3,
	IPC4_SAMPLE_FLOAT = 4,
	IPC4_SAMPLE_A_LAW = 5,
	IPC4_SAMPLE_MU_LAW = 6,
};

/** Volume ramp shapes (curve_type). */
enum ipc4_curve_type {
	IPC4_CURVE_NONE = 0,
	IPC4_CURVE_WINDOWS_FADE = 1,
	IPC4_CURVE_LINEAR = 2,
	IPC4_CURVE_LOG = 3,
	IPC4_CURVE_LINEAR_ZC = 4,
	IPC4_CURVE_LOG_ZC = 5,
};

/** LARGE_CONFIG large_param_id values with a protocol-wide meaning. */
enum ipc4_large_param {
	IPC4_VOLUME_PARAM = 0,
	IPC4_SET_ATTENUATION_PARAM = 1,
	IPC4_VOLUME_TRANSITION_DELAY_PARAM = 2,
	IPC4_SWITCH_CONTROL_PARAM = 200,
	IPC4_ENUM_CONTROL_PARAM = 201,
	IPC4_BYTES_CONTROL_PARAM = 202,
	IPC4_VENDOR_CONFIG_PARAM = 0xFF,
};

/** Gateway dma_type values of a copier node_id that our copier knows. */
enum ipc4_dma_type {
	IPC4_DMA_HDA_HOST_OUTPUT = 0,
	IPC4_DMA_HDA_HOST_INPUT = 1,
};

/**
 * Our module manifest: module_id is an index into it and is fixed. Any other
 * module_id is refused by the handler.
 */
enum ipc4_manifest_id {
	IPC4_MODULE_BASEFW = 0,
	IPC4_MODULE_COPIER = 1,
	IPC4_MODULE_GAIN = 2,
	IPC4_MODULE_SRC = 3,
};

/** Component id of a module instance, as the firmware numbers it. */
static inline uint32_t ipc4_comp_id(uint32_t module_id, uint32_t instance_id)
{
	return (instance_id << 16) | (module_id & 0xFFFFu);
}

#ifdef __cplusplus
}
#endif
#endif
