/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * IPC4 status codes (the 24-bit status field of every reply) and the names
 * of the message types, for logs and tools.
 */
#ifndef VREGION_IPC4_STATUS_H
#define VREGION_IPC4_STATUS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Reply status values; 8 and 11 are not defined by the protocol. */
enum ipc4_status {
	IPC4_SUCCESS = 0,
	IPC4_ERROR_INVALID_PARAM = 1,
	IPC4_UNKNOWN_MESSAGE_TYPE = 2,
	IPC4_OUT_OF_MEMORY = 3,
	IPC4_BUSY = 4,
	IPC4_BAD_STATE = 5,
	IPC4_FAILURE = 6,
	IPC4_INVALID_REQUEST = 7,
	IPC4_INVALID_RESOURCE_ID = 9,
	IPC4_RESOURCE_ID_EXISTS = 10,
	IPC4_INVALID_RESOURCE_STATE = 12,
	IPC4_POWER_TRANSITION_FAILED = 13,
	IPC4_INVALID_MANIFEST = 14,
	IPC4_UNAVAILABLE = 15,
	IPC4_LOAD_ADDRESS_OUT_OF_RANGE = 42,
	IPC4_CSE_VALIDATION_FAILED = 44,
	IPC4_MOD_MGMT_ERROR = 100,
	IPC4_MOD_LOAD_CL_FAILED = 101,
	IPC4_MOD_LOAD_INVALID_HASH = 102,
	IPC4_MOD_INSTANCE_EXISTS = 103,
	IPC4_MOD_NOT_INITIALIZED = 104,
	IPC4_MOD_INVALID_ID = 110,
	IPC4_MOD_INST_INVALID_ID = 111,
	IPC4_QUEUE_INVALID_ID = 112,
	IPC4_QUEUE_DST_INVALID_ID = 113,
	IPC4_INVALID_CORE_ID = 116,
	IPC4_INJECTION_DMA_BUFFER_TOO_SMALL = 117,
	IPC4_EXTRACTION_DMA_BUFFER_TOO_SMALL = 118,
	IPC4_INVALID_CONFIG_PARAM_ID = 120,
	IPC4_INVALID_CONFIG_DATA_LEN = 121,
	IPC4_INVALID_CONFIG_DATA_STRUCT = 122,
	IPC4_GATEWAY_NOT_INITIALIZED = 140,
	IPC4_GATEWAY_NOT_EXIST = 141,
	IPC4_GATEWAY_STATE_NOT_SET = 142,
	IPC4_GATEWAY_NOT_ALLOCATED = 143,
	IPC4_SCLK_ALREADY_RUNNING = 150,
	IPC4_MCLK_ALREADY_RUNNING = 151,
	IPC4_SCLK_NOT_RUNNING = 152,
	IPC4_MCLK_NOT_RUNNING = 153,
	IPC4_PIPELINE_STATE_NOT_SET = 164,
	IPC4_INVALID_CHAIN_STATE_TRANSITION = 3018,
	IPC4_MAX_STATUS = 0xFFFFFF,
};

/**
 * The name of status @p status ("IPC4_SUCCESS", ...), or "IPC4_STATUS_UNKNOWN"
 * for a value the protocol does not define. Never NULL; O(number of codes);
 * thread-safe (returns static strings).
 */
const char *ipc4_status_name(uint32_t status);

/**
 * The name of message type @p type for target @p msg_tgt (0 global, 1 module):
 * e.g. "CREATE_PIPELINE", "INIT_INSTANCE"; "UNKNOWN" for an undefined value.
 * Never NULL; O(1); thread-safe.
 */
const char *ipc4_msg_type_name(uint32_t msg_tgt, uint32_t type);

#ifdef __cplusplus
}
#endif
#endif
