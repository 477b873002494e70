/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * IPC4 messages: decoded forms, the request decoder and the encoder.
 *
 * A request arrives as (primary, extension, payload, length). ipc4_decode()
 * checks it against the layouts of the reference (every length, count,
 * offset and object against the bytes received and the 4096-byte mailbox)
 * and returns the IPC4 status the reference gives for a malformed message;
 * it never reads past the payload. Pointers in a decoded message point into
 * the caller's payload and are valid as long as that buffer is.
 *
 * ipc4_encode() is the inverse: from a decoded form it produces the words
 * and payload bytes, computing every size field (payload_words,
 * object_words, param_block_size, pipelines_count) itself.
 *
 * The codec keeps no state; every function is thread-safe on distinct data.
 */
#ifndef VREGION_IPC4_MSG_H
#define VREGION_IPC4_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/ipc4/status.h>
#include <vregion/ipc4/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A message on the wire, as a view: two words and a payload. */
struct ipc4_msg {
	uint32_t primary;
	uint32_t extension;
	const uint8_t *payload;  /**< may be NULL when len is 0 */
	uint32_t len;            /**< payload bytes */
};

/** A message with its own payload storage (encoder output, log records). */
struct ipc4_frame {
	uint32_t primary;
	uint32_t extension;
	uint32_t len;
	uint8_t payload[IPC4_MAILBOX_SIZE];
};

/** Fields every header carries. */
struct ipc4_hdr {
	uint32_t type;
	uint32_t rsp;
	uint32_t msg_tgt;
};

/** Fields of a reply header. */
struct ipc4_reply_hdr {
	uint32_t status;
	uint32_t type;
	uint32_t rsp;
	uint32_t msg_tgt;
};

/** MEM_DATA (pipeline) and DP_DATA (module) object bodies share this shape. */
struct ipc4_mem_data {
	uint32_t domain_id;
	uint32_t stack_bytes;
	uint32_t heap_bytes;
};

/** Extension-payload / ext-init object header. */
struct ipc4_obj_hdr {
	uint32_t last_object;
	uint32_t object_id;
	uint32_t object_words;
};

struct ipc4_create_pipeline {
	uint32_t ppl_mem_size;    /**< pages; not used */
	uint32_t ppl_priority;    /**< 0..7, 0 first */
	uint32_t instance_id;     /**< pipeline id */
	uint32_t lp;
	uint32_t attributes;
	uint32_t core_id;
	uint32_t payload;         /**< 1: extension payload follows */
	/* extension payload (payload = 1) */
	uint32_t payload_words;   /**< whole payload incl. its 12-byte header; computed on encode */
	uint32_t data_obj_array;
	bool has_mem_data;
	struct ipc4_mem_data mem_data;
};

struct ipc4_delete_pipeline {
	uint32_t instance_id;
};

struct ipc4_set_pipeline_state {
	uint32_t ppl_state;
	uint32_t ppl_id;          /**< single pipeline; 0 when multi_ppl */
	uint32_t multi_ppl;
	uint32_t sync_stop_start;
	uint32_t count;           /**< multi_ppl: pipelines_count (1..IPC4_MAX_MULTI_PPL) */
	uint32_t ppl_ids[IPC4_MAX_MULTI_PPL];  /**< entries past count are not written */
};

struct ipc4_get_pipeline_state {
	uint32_t ppl_id;
};

/** GET_PIPELINE_STATE reply extension. */
struct ipc4_get_pipeline_state_reply {
	uint32_t state;
};

struct ipc4_init_instance {
	uint32_t module_id;
	uint32_t instance_id;
	uint32_t param_block_size;  /**< dwords; computed on encode */
	uint32_t ppl_instance_id;
	uint32_t core_id;
	uint32_t proc_domain;
	uint32_t extended_init;
	/* ext-init header (extended_init = 1) */
	uint32_t rtos_domain;
	uint32_t gna_used;
	uint32_t data_obj_array;
	bool has_dp_data;
	struct ipc4_mem_data dp_data;
	bool has_module_data;
	const uint8_t *module_data;
	uint32_t module_data_len;   /**< bytes, a multiple of 4 */
	/* the module configuration: what remains after ext-init */
	const uint8_t *config;
	uint32_t config_len;        /**< bytes, a multiple of 4 */
};

/** BIND and UNBIND. */
struct ipc4_bind {
	uint32_t module_id;         /**< source module */
	uint32_t instance_id;
	uint32_t dst_module_id;
	uint32_t dst_instance_id;
	uint32_t dst_queue;         /**< input pin of the sink, 0..7 */
	uint32_t src_queue;         /**< output pin of the source, 0..7 */
};

/** LARGE_CONFIG_SET and LARGE_CONFIG_GET. */
struct ipc4_large_config {
	uint32_t module_id;
	uint32_t instance_id;
	uint32_t data_off_size;
	uint32_t large_param_id;
	uint32_t final_block;
	uint32_t init_block;
	const uint8_t *data;        /**< payload of this message */
	uint32_t data_len;
};

/** CONFIG_SET and CONFIG_GET. */
struct ipc4_config {
	uint32_t module_id;
	uint32_t instance_id;
	uint32_t param_id_data;
};

struct ipc4_delete_instance {
	uint32_t module_id;
	uint32_t instance_id;
};

/** The messages of the subset. */
enum ipc4_kind {
	IPC4_KIND_CREATE_PIPELINE,
	IPC4_KIND_DELETE_PIPELINE,
	IPC4_KIND_SET_PIPELINE_STATE,
	IPC4_KIND_GET_PIPELINE_STATE,
	IPC4_KIND_INIT_INSTANCE,
	IPC4_KIND_CONFIG_GET,
	IPC4_KIND_CONFIG_SET,
	IPC4_KIND_LARGE_CONFIG_GET,
	IPC4_KIND_LARGE_CONFIG_SET,
	IPC4_KIND_BIND,
	IPC4_KIND_UNBIND,
	IPC4_KIND_DELETE_INSTANCE,
	IPC4_KIND_COUNT
};

/** A decoded request. */
struct ipc4_request {
	enum ipc4_kind kind;
	struct ipc4_hdr hdr;
	union {
		struct ipc4_create_pipeline create_pipeline;
		struct ipc4_delete_pipeline delete_pipeline;
		struct ipc4_set_pipeline_state set_pipeline_state;
		struct ipc4_get_pipeline_state get_pipeline_state;
		struct ipc4_init_instance init_instance;
		struct ipc4_config config;            /**< CONFIG_GET, CONFIG_SET */
		struct ipc4_large_config large_config; /**< LARGE_CONFIG_GET/SET */
		struct ipc4_bind bind;                 /**< BIND, UNBIND */
		struct ipc4_delete_instance delete_instance;
	} u;
};

/**
 * Decode request @p m into @p out. Returns IPC4_SUCCESS or the status to
 * reply with: IPC4_INVALID_REQUEST for an inbound reply (rsp = 1),
 * IPC4_UNAVAILABLE for a global type outside the subset,
 * IPC4_UNKNOWN_MESSAGE_TYPE for a module type >= 12 and IPC4_UNAVAILABLE
 * for module types 7..10; otherwise the per-message codes of docs/ipc4.md.
 * @p out is fully written only on success. O(payload length).
 */
uint32_t ipc4_decode(const struct ipc4_msg *m, struct ipc4_request *out);

/**
 * Encode request @p r into @p out (words, payload and len). Returns 0,
 * -EINVAL for a form that has no encoding (unknown kind, an object array
 * without objects, a blob that is not whole dwords, a count outside
 * 1..IPC4_MAX_MULTI_PPL, a payload above IPC4_MAILBOX_SIZE) or -ERANGE for a
 * field value wider than its bits. O(payload length).
 */
int ipc4_encode(const struct ipc4_request *r, struct ipc4_frame *out);

/** The (msg_tgt, type) of a kind; msg_tgt in bit 8 of the result. */
uint32_t ipc4_kind_type(enum ipc4_kind kind);

/** Split a reply header. Reserved bits are ignored. */
void ipc4_reply_decode(uint32_t primary, uint32_t extension, struct ipc4_reply_hdr *out,
		       uint32_t *ext_out);

/**
 * The reply primary word for request primary @p req_primary with @p status
 * (type and msg_tgt copied, rsp set, status in bits 0..23; a status above
 * 24 bits is clamped to IPC4_MAX_STATUS).
 */
uint32_t ipc4_reply_primary(uint32_t req_primary, uint32_t status);

/** GET_PIPELINE_STATE reply extension carrying @p state (5 bits, masked). */
uint32_t ipc4_get_pipeline_state_reply_ext(uint32_t state);
/** The state carried by a GET_PIPELINE_STATE reply extension. */
uint32_t ipc4_get_pipeline_state_reply_state(uint32_t extension);

/**
 * LARGE_CONFIG_GET reply extension: the request extension with
 * data_off_size = @p produced (masked to 20 bits) and final_block set when
 * the request had none and @p produced < IPC4_MAILBOX_SIZE, or when
 * @p error is true.
 */
uint32_t ipc4_large_config_get_reply_ext(uint32_t req_ext, uint32_t produced, bool error);

#ifdef __cplusplus
}
#endif
#endif
