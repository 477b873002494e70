/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Malformed requests, message by message: truncation at every length, size
 * fields that lie, missing last_object, unknown object ids, oversize
 * payloads. Each gets its exact status; a refused decode writes nothing;
 * payload copies are exactly as long as the message so that ASan sees any
 * read past the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "ipc4_util.h"

static struct ipc4_request r;
static uint8_t big[IPC4_MAILBOX_SIZE + 8];

static const uint8_t create_payload[28] = {
	0x07, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0,
	0x03, 0x00, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
	0x00, 0x00, 0x01, 0x00,
};

static const uint8_t init_payload[72] = {
	0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0x03, 0x00, 0x03, 0x00,
	0, 0, 0, 0, 0x00, 0x10, 0x00, 0x00, 0x00, 0x50, 0x00, 0x00,
	0, 0, 0, 0, 0x68, 0x01, 0, 0, 0x80, 0x01, 0, 0, 0, 0, 0, 0,
	0x44, 0xac, 0, 0, 0x20, 0, 0, 0, 0x10, 0xff, 0xff, 0xff, 0x01, 0, 0, 0,
	0, 0, 0, 0, 0x02, 0x20, 0x01, 0x00, 0x80, 0xbb, 0x00, 0x00,
};

#define CREATE_P 0x11010000u
#define CREATE_E 0x20000000u
#define INIT_P 0x40000008u

static uint32_t init_ext(uint32_t words)
{
	return 0x30010000u | words;
}

static void test_header_refusals(void **state)
{
	struct ipc4_msg m = { 0x4B000008, 0, NULL, 4 };
	(void)state;

	/* an inbound reply is refused */
	assert_int_equal(decode_exact(0x31010000, 0, NULL, 0, &r), IPC4_INVALID_REQUEST);
	assert_int_equal(decode_exact(0x6B000008, 0, NULL, 0, &r), IPC4_INVALID_REQUEST);
	/* global types outside the subset */
	for (uint32_t t = 0; t < 32; t++) {
		uint32_t want = (t >= 17 && t <= 20) ? IPC4_SUCCESS : IPC4_UNAVAILABLE;

		if (t == 17 || t == 19)
			continue;  /* need their own checks below */
		assert_int_equal(decode_exact(t << 24, 0, NULL, 0, &r), want);
	}
	/* module types: 7..10 unavailable, 12.. unknown */
	for (uint32_t t = 7; t <= 10; t++)
		assert_int_equal(decode_exact(0x40000000u | (t << 24), 0, NULL, 0, &r),
				 IPC4_UNAVAILABLE);
	for (uint32_t t = 12; t < 32; t++)
		assert_int_equal(decode_exact(0x40000000u | (t << 24), 0, NULL, 0, &r),
				 IPC4_UNKNOWN_MESSAGE_TYPE);
	/* reserved bits are ignored */
	assert_int_equal(decode_exact(0x80000000u | 0x12010000u, 0xC0000000u, NULL, 0, &r),
			 IPC4_SUCCESS);
	assert_int_equal(r.u.delete_pipeline.instance_id, 1);
	/* a length without bytes */
	assert_int_equal(ipc4_decode(&m, &r), IPC4_ERROR_INVALID_PARAM);
}

/* Messages without a payload refuse any bytes. */
static void test_payloadless_messages(void **state)
{
	const uint32_t prim[] = { 0x12010000, 0x14000001, 0x45000004, 0x46000004,
				  0x41000001, 0x42000001, 0x4B000001, 0x13010003 };
	uint8_t junk[16] = { 0 };
	(void)state;

	for (size_t i = 0; i < sizeof(prim) / sizeof(prim[0]); i++) {
		assert_int_equal(decode_exact(prim[i], 0, junk, 0, &r), IPC4_SUCCESS);
		for (uint32_t len = 1; len <= sizeof(junk); len++)
			assert_int_equal(decode_exact(prim[i], 0, junk, len, &r),
					 IPC4_ERROR_INVALID_PARAM);
	}
	/* CREATE_PIPELINE without the payload bit takes no payload either */
	assert_int_equal(decode_exact(CREATE_P, 0, create_payload, 28, &r),
			 IPC4_ERROR_INVALID_PARAM);
	assert_int_equal(decode_exact(CREATE_P, 0, NULL, 0, &r), IPC4_SUCCESS);
	assert_false(r.u.create_pipeline.has_mem_data);
}

static void test_create_pipeline_truncated(void **state)
{
	(void)state;
	for (uint32_t len = 0; len < sizeof(create_payload); len++)
		assert_int_equal(decode_exact(CREATE_P, CREATE_E, create_payload, len, &r),
				 IPC4_ERROR_INVALID_PARAM);
	assert_int_equal(decode_exact(CREATE_P, CREATE_E, create_payload, 28, &r), IPC4_SUCCESS);
}

static void test_create_pipeline_lying_sizes(void **state)
{
	uint8_t p[32];
	(void)state;

	/* payload_words: every value but 7 */
	const uint32_t words[] = { 0, 1, 2, 3, 6, 8, 9, 1024, 1025, 0xFFFFFF };
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		memcpy(p, create_payload, 28);
		ipc4_put_le32(p, words[i] | 0x01000000u);
		assert_int_equal(decode_exact(CREATE_P, CREATE_E, p, 28, &r),
				 IPC4_ERROR_INVALID_PARAM);
	}
	/* object_words too large (overflows) or too small (bytes left over) */
	for (uint32_t ow = 0; ow < 8; ow++) {
		memcpy(p, create_payload, 28);
		ipc4_put_le32(p + 12, (ow << 16) | (1u << 1) | 1u);
		assert_int_equal(decode_exact(CREATE_P, CREATE_E, p, 28, &r),
				 ow == 3 ? IPC4_SUCCESS : IPC4_ERROR_INVALID_PARAM);
	}
	/* object_words 0xFFFF: the bound check must not wrap */
	memcpy(p, create_payload, 28);
	ipc4_put_le32(p + 12, 0xFFFF0003u);
	assert_int_equal(decode_exact(CREATE_P, CREATE_E, p, 28, &r), IPC4_ERROR_INVALID_PARAM);
	/* missing last_object */
	memcpy(p, create_payload, 28);
	ipc4_put_le32(p + 12, 0x00030002u);
	assert_int_equal(decode_exact(CREATE_P, CREATE_E, p, 28, &r), IPC4_ERROR_INVALID_PARAM);
	/* data_obj_array = 0 with bytes after the header */
	memcpy(p, create_payload, 28);
	ipc4_put_le32(p, 7);
	assert_int_equal(decode_exact(CREATE_P, CREATE_E, p, 28, &r), IPC4_ERROR_INVALID_PARAM);
	/* data_obj_array = 0, header only: accepted, no memory data */
	ipc4_put_le32(p, 3);
	assert_int_equal(decode_exact(CREATE_P, CREATE_E, p, 12, &r), IPC4_SUCCESS);
	assert_false(r.u.create_pipeline.has_mem_data);
	/* data_obj_array = 1 but no object at all */
	ipc4_put_le32(p, 3 | 0x01000000u);
	assert_int_equal(decode_exact(CREATE_P, CREATE_E, p, 12, &r), IPC4_ERROR_INVALID_PARAM);
}

static void test_create_pipeline_objects(void **state)
{
	uint8_t p[64];
	(void)state;

	/* unknown object id: skipped */
	memcpy(p, create_payload, 28);
	ipc4_put_le32(p + 12, 0x00030000u | (5u << 1) | 1u);
	assert_int_equal(decode_exact(CREATE_P, CREATE_E, p, 28, &r), IPC4_SUCCESS);
	assert_false(r.u.create_pipeline.has_mem_data);
	/* MEM_DATA shorter than 12 bytes: ignored, as SOF does */
	ipc4_put_le32(p, 6 | 0x01000000u);
	ipc4_put_le32(p + 12, 0x00020003u);
	assert_int_equal(decode_exact(CREATE_P, CREATE_E, p, 24, &r), IPC4_SUCCESS);
	assert_false(r.u.create_pipeline.has_mem_data);
	/* two MEM_DATA objects: the later one wins */
	memcpy(p, create_payload, 28);
	ipc4_put_le32(p, 11 | 0x01000000u);
	ipc4_put_le32(p + 12, 0x00030002u);         /* not last */
	ipc4_put_le32(p + 28, 0x00030003u);         /* last */
	ipc4_put_le32(p + 32, 7);
	ipc4_put_le32(p + 36, 1024);
	ipc4_put_le32(p + 40, 8192);
	assert_int_equal(decode_exact(CREATE_P, CREATE_E, p, 44, &r), IPC4_SUCCESS);
	assert_int_equal(r.u.create_pipeline.mem_data.domain_id, 7);
	assert_int_equal(r.u.create_pipeline.mem_data.stack_bytes, 1024);
	assert_int_equal(r.u.create_pipeline.mem_data.heap_bytes, 8192);
	/* longer MEM_DATA (older hosts): first 12 bytes taken */
	memcpy(p, create_payload, 28);
	ipc4_put_le32(p, 9 | 0x01000000u);
	ipc4_put_le32(p + 12, 0x00050003u);
	assert_int_equal(decode_exact(CREATE_P, CREATE_E, p, 36, &r), IPC4_SUCCESS);
	assert_int_equal(r.u.create_pipeline.mem_data.heap_bytes, 65536);
}

static void test_create_pipeline_oversize(void **state)
{
	(void)state;
	memset(big, 0, sizeof(big));
	ipc4_put_le32(big, (IPC4_MAILBOX_SIZE + 4) / 4);
	assert_int_equal(decode_exact(CREATE_P, CREATE_E, big, IPC4_MAILBOX_SIZE + 4, &r),
			 IPC4_ERROR_INVALID_PARAM);
	/* exactly one mailbox: a MEM_DATA object padded with an unknown one */
	ipc4_put_le32(big, (IPC4_MAILBOX_SIZE / 4) | 0x01000000u);
	ipc4_put_le32(big + 12, 0x00030002u);
	ipc4_put_le32(big + 28, ((IPC4_MAILBOX_SIZE - 32) / 4) << 16 | (9u << 1) | 1u);
	assert_int_equal(decode_exact(CREATE_P, CREATE_E, big, IPC4_MAILBOX_SIZE, &r),
			 IPC4_SUCCESS);
	assert_true(r.u.create_pipeline.has_mem_data);
}

static void test_set_pipeline_state_multi(void **state)
{
	uint8_t p[16] = { 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0 };
	(void)state;

	for (uint32_t len = 0; len < 12; len++)
		assert_int_equal(decode_exact(0x13000004, 1, p, len, &r), IPC4_ERROR_INVALID_PARAM);
	assert_int_equal(decode_exact(0x13000004, 1, p, 12, &r), IPC4_SUCCESS);
	/* bytes beyond the count */
	assert_int_equal(decode_exact(0x13000004, 1, p, 16, &r), IPC4_ERROR_INVALID_PARAM);
	/* counts that lie */
	ipc4_put_le32(p, 3);
	assert_int_equal(decode_exact(0x13000004, 1, p, 12, &r), IPC4_ERROR_INVALID_PARAM);
	ipc4_put_le32(p, 1);
	assert_int_equal(decode_exact(0x13000004, 1, p, 12, &r), IPC4_ERROR_INVALID_PARAM);
	ipc4_put_le32(p, 0xFFFFFFFFu);
	assert_int_equal(decode_exact(0x13000004, 1, p, 12, &r), IPC4_ERROR_INVALID_PARAM);
	/* zero pipelines: SOF replies SUCCESS doing nothing; we refuse */
	ipc4_put_le32(p, 0);
	assert_int_equal(decode_exact(0x13000004, 1, p, 4, &r), IPC4_ERROR_INVALID_PARAM);
	/* first id >= 2^31 */
	ipc4_put_le32(p, 1);
	ipc4_put_le32(p + 4, 0x80000000u);
	assert_int_equal(decode_exact(0x13000004, 1, p, 8, &r), IPC4_ERROR_INVALID_PARAM);
	/* the largest list, and one more */
	memset(big, 0, sizeof(big));
	ipc4_put_le32(big, IPC4_MAX_MULTI_PPL);
	assert_int_equal(decode_exact(0x13000003, 1, big, 4 + 4 * IPC4_MAX_MULTI_PPL, &r),
			 IPC4_SUCCESS);
	assert_int_equal(r.u.set_pipeline_state.count, IPC4_MAX_MULTI_PPL);
	ipc4_put_le32(big, IPC4_MAX_MULTI_PPL + 1);
	assert_int_equal(decode_exact(0x13000003, 1, big, 8 + 4 * IPC4_MAX_MULTI_PPL, &r),
			 IPC4_ERROR_INVALID_PARAM);
}

static void test_init_instance_truncated(void **state)
{
	(void)state;
	/* param_block_size keeps saying 18 dwords */
	for (uint32_t len = 0; len < sizeof(init_payload); len++)
		assert_int_equal(decode_exact(INIT_P, init_ext(18), init_payload, len, &r),
				 IPC4_MOD_NOT_INITIALIZED);
	/* param_block_size follows the truncation: still refused at message or config level */
	for (uint32_t len = 0; len < sizeof(init_payload); len += 4) {
		uint32_t st = decode_exact(INIT_P, init_ext(len / 4), init_payload, len, &r);
		struct ipc4_src_cfg src;

		if (st == IPC4_SUCCESS)
			st = ipc4_src_cfg_decode(r.u.init_instance.config,
						 r.u.init_instance.config_len, &src);
		assert_int_equal(st, IPC4_MOD_NOT_INITIALIZED);
	}
	/* more bytes than param_block_size says */
	assert_int_equal(decode_exact(INIT_P, init_ext(17), init_payload, 72, &r),
			 IPC4_MOD_NOT_INITIALIZED);
	assert_int_equal(decode_exact(INIT_P, init_ext(18), init_payload, 72, &r), IPC4_SUCCESS);
}

static void test_init_instance_lying_sizes(void **state)
{
	uint8_t p[72];
	(void)state;

	/* param_block_size beyond the mailbox, with a full mailbox of bytes */
	memset(big, 0, sizeof(big));
	assert_int_equal(decode_exact(INIT_P, 0x00010000u | (IPC4_MAILBOX_SIZE / 4 + 1), big,
				      IPC4_MAILBOX_SIZE + 4, &r), IPC4_MOD_NOT_INITIALIZED);
	assert_int_equal(decode_exact(INIT_P, 0x0001FFFFu, big, IPC4_MAILBOX_SIZE, &r),
			 IPC4_MOD_NOT_INITIALIZED);
	/* object_words: every wrong value fails somewhere before the module sees a config */
	for (uint32_t ow = 0; ow < 20; ow++) {
		struct ipc4_src_cfg src;
		uint32_t st;

		memcpy(p, init_payload, 72);
		ipc4_put_le32(p + 12, (ow << 16) | (1u << 1) | 1u);
		st = decode_exact(INIT_P, init_ext(18), p, 72, &r);
		if (st == IPC4_SUCCESS)
			st = ipc4_src_cfg_decode(r.u.init_instance.config,
						 r.u.init_instance.config_len, &src);
		assert_int_equal(st, ow == 3 ? IPC4_SUCCESS : IPC4_MOD_NOT_INITIALIZED);
	}
	memcpy(p, init_payload, 72);
	ipc4_put_le32(p + 12, 0xFFFF0003u);
	assert_int_equal(decode_exact(INIT_P, init_ext(18), p, 72, &r), IPC4_MOD_NOT_INITIALIZED);
	/* missing last_object: the walk runs into the config and off the end */
	memcpy(p, init_payload, 72);
	ipc4_put_le32(p + 12, 0x00030002u);
	assert_int_equal(decode_exact(INIT_P, init_ext(18), p, 72, &r), IPC4_MOD_NOT_INITIALIZED);
	/* data_obj_array with no room for any object */
	assert_int_equal(decode_exact(INIT_P, init_ext(3), p, 12, &r), IPC4_MOD_NOT_INITIALIZED);
}

static void test_init_instance_objects(void **state)
{
	uint8_t p[128];
	(void)state;

	/* unknown object id: skipped, the config is what follows */
	memcpy(p, init_payload, 72);
	ipc4_put_le32(p + 12, 0x00030000u | (9u << 1) | 1u);
	assert_int_equal(decode_exact(INIT_P, init_ext(18), p, 72, &r), IPC4_SUCCESS);
	assert_false(r.u.init_instance.has_dp_data);
	assert_int_equal(r.u.init_instance.config_len, 44);
	/* DP_DATA shorter than 12 bytes: ignored */
	memcpy(p, init_payload, 12);
	ipc4_put_le32(p + 12, 0x00020003u);
	memcpy(p + 24, init_payload + 28, 44);
	assert_int_equal(decode_exact(INIT_P, init_ext(17), p, 68, &r), IPC4_SUCCESS);
	assert_false(r.u.init_instance.has_dp_data);
	assert_int_equal(r.u.init_instance.config_len, 44);
	/* the 20-byte older DP_DATA: first 12 bytes */
	memcpy(p, init_payload, 28);
	ipc4_put_le32(p + 12, 0x00050003u);
	memset(p + 28, 0x77, 8);
	memcpy(p + 36, init_payload + 28, 44);
	assert_int_equal(decode_exact(INIT_P, init_ext(20), p, 80, &r), IPC4_SUCCESS);
	assert_int_equal(r.u.init_instance.dp_data.heap_bytes, 20480);
	assert_int_equal(r.u.init_instance.config_len, 44);
	/* DP_DATA then MODULE_DATA (8 bytes) */
	memcpy(p, init_payload, 28);
	ipc4_put_le32(p + 12, 0x00030002u);
	ipc4_put_le32(p + 28, 0x00020000u | (2u << 1) | 1u);
	ipc4_put_le32(p + 32, 0xAABBCCDDu);
	ipc4_put_le32(p + 36, 0x11223344u);
	memcpy(p + 40, init_payload + 28, 44);
	assert_int_equal(decode_exact(INIT_P, init_ext(21), p, 84, &r), IPC4_SUCCESS);
	assert_true(r.u.init_instance.has_dp_data);
	assert_true(r.u.init_instance.has_module_data);
	assert_int_equal(r.u.init_instance.module_data_len, 8);
	assert_int_equal(ipc4_le32(r.u.init_instance.module_data), 0xAABBCCDDu);
	assert_int_equal(r.u.init_instance.config_len, 44);
	/* ext-init without objects; and no ext-init at all */
	memcpy(p, "\0\0\0\0\0\0\0\0\0\0\0\0", 12);
	memcpy(p + 12, init_payload + 28, 44);
	assert_int_equal(decode_exact(INIT_P, init_ext(14), p, 56, &r), IPC4_SUCCESS);
	assert_int_equal(r.u.init_instance.config_len, 44);
	assert_int_equal(decode_exact(INIT_P, 0x00010000u | 11, init_payload + 28, 44, &r),
			 IPC4_SUCCESS);
	assert_int_equal(r.u.init_instance.config_len, 44);
	assert_false(r.u.init_instance.extended_init);
	/* config shorter than a base config */
	assert_int_equal(decode_exact(INIT_P, 0x00010000u | 9, init_payload + 28, 36, &r),
			 IPC4_MOD_NOT_INITIALIZED);
}

#define LSET_P 0x44000006u
static uint32_t lc_ext(uint32_t size, uint32_t param, int init, int final)
{
	return size | (param << 20) | ((uint32_t)final << 28) | ((uint32_t)init << 29);
}

static void test_large_config_set_fragments(void **state)
{
	(void)state;
	memset(big, 0x5A, sizeof(big));
	/* single: data_off_size must equal the bytes at every truncation */
	for (uint32_t len = 0; len < 24; len++)
		assert_int_equal(decode_exact(LSET_P, lc_ext(24, 0, 1, 1), big, len, &r),
				 IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(decode_exact(LSET_P, lc_ext(24, 0, 1, 1), big, 24, &r), IPC4_SUCCESS);
	assert_int_equal(decode_exact(LSET_P, lc_ext(0, 0, 1, 1), big, 0, &r), IPC4_SUCCESS);
	assert_int_equal(decode_exact(LSET_P, lc_ext(4096, 0, 1, 1), big, 4096, &r), IPC4_SUCCESS);
	assert_int_equal(decode_exact(LSET_P, lc_ext(4100, 0, 1, 1), big, 4100, &r),
			 IPC4_INVALID_RESOURCE_ID);
	/* first: total above one chunk, at most the blob limit, one full chunk */
	assert_int_equal(decode_exact(LSET_P, lc_ext(6000, 0, 1, 0), big, 4096, &r), IPC4_SUCCESS);
	assert_int_equal(decode_exact(LSET_P, lc_ext(6000, 0, 1, 0), big, 4092, &r),
			 IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(decode_exact(LSET_P, lc_ext(4096, 0, 1, 0), big, 4096, &r),
			 IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(decode_exact(LSET_P, lc_ext(8193, 0, 1, 0), big, 4096, &r),
			 IPC4_INVALID_RESOURCE_ID);
	/* middle: offset a whole chunk, one full chunk */
	assert_int_equal(decode_exact(LSET_P, lc_ext(4096, 0, 0, 0), big, 4096, &r), IPC4_SUCCESS);
	assert_int_equal(decode_exact(LSET_P, lc_ext(0, 0, 0, 0), big, 4096, &r),
			 IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(decode_exact(LSET_P, lc_ext(4000, 0, 0, 0), big, 4096, &r),
			 IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(decode_exact(LSET_P, lc_ext(4096, 0, 0, 0), big, 100, &r),
			 IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(decode_exact(LSET_P, lc_ext(8192, 0, 0, 0), big, 4096, &r),
			 IPC4_INVALID_RESOURCE_ID);
	/* last: 1..4096 bytes */
	assert_int_equal(decode_exact(LSET_P, lc_ext(4096, 0, 0, 1), big, 1, &r), IPC4_SUCCESS);
	assert_int_equal(decode_exact(LSET_P, lc_ext(4096, 0, 0, 1), big, 0, &r),
			 IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(decode_exact(LSET_P, lc_ext(4096, 0, 0, 1), big, 4100, &r),
			 IPC4_INVALID_RESOURCE_ID);
}

static void test_large_config_set_vendor(void **state)
{
	uint8_t p[32] = { 0 };
	(void)state;

	ipc4_put_le32(p, 7);       /* type */
	ipc4_put_le32(p + 4, 5);   /* 5 bytes, padded to 8 */
	ipc4_put_le32(p + 16, 8);
	ipc4_put_le32(p + 20, 4);
	assert_int_equal(decode_exact(LSET_P, lc_ext(28, 0xFF, 1, 1), p, 28, &r), IPC4_SUCCESS);
	/* size above the mailbox, short first block, multi-block */
	assert_int_equal(decode_exact(LSET_P, lc_ext(4097, 0xFF, 1, 1), p, 28, &r),
			 IPC4_INVALID_CONFIG_DATA_STRUCT);
	for (uint32_t len = 0; len < 8; len++)
		assert_int_equal(decode_exact(LSET_P, lc_ext(len, 0xFF, 1, 1), p, len, &r),
				 IPC4_INVALID_CONFIG_DATA_STRUCT);
	assert_int_equal(decode_exact(LSET_P, lc_ext(28, 0xFF, 1, 0), p, 28, &r),
			 IPC4_INVALID_CONFIG_DATA_STRUCT);
	assert_int_equal(decode_exact(LSET_P, lc_ext(24, 0xFF, 1, 1), p, 28, &r),
			 IPC4_INVALID_CONFIG_DATA_STRUCT);
	/* record running past the end at every truncation */
	for (uint32_t len = 9; len < 28; len++)
		assert_int_equal(decode_exact(LSET_P, lc_ext(len, 0xFF, 1, 1), p, len, &r),
				 len == 16 ? IPC4_SUCCESS : IPC4_INVALID_REQUEST);
	/* zero-length record */
	ipc4_put_le32(p + 20, 0);
	assert_int_equal(decode_exact(LSET_P, lc_ext(24, 0xFF, 1, 1), p, 24, &r),
			 IPC4_INVALID_CONFIG_DATA_LEN);
	/* a length that would wrap a 32-bit offset */
	ipc4_put_le32(p + 20, 0xFFFFFFFEu);
	assert_int_equal(decode_exact(LSET_P, lc_ext(28, 0xFF, 1, 1), p, 28, &r),
			 IPC4_INVALID_REQUEST);
}

static void test_large_config_get(void **state)
{
	uint8_t p[24] = { 0 };
	(void)state;

	assert_int_equal(decode_exact(0x43000006, lc_ext(4096, 0, 1, 0), NULL, 0, &r),
			 IPC4_SUCCESS);
	for (uint32_t len = 1; len <= sizeof(p); len++)
		assert_int_equal(decode_exact(0x43000006, lc_ext(4096, 0, 1, 0), p, len, &r),
				 IPC4_INVALID_RESOURCE_ID);
	for (uint32_t len = 0; len <= sizeof(p); len++)
		assert_int_equal(decode_exact(0x43000006, lc_ext(4096, 200, 1, 0), p, len, &r),
				 len == 20 ? IPC4_SUCCESS : IPC4_INVALID_RESOURCE_ID);
	assert_int_equal(decode_exact(0x43000006, lc_ext(4097, 0xFF, 1, 0), p, 8, &r),
			 IPC4_INVALID_CONFIG_DATA_STRUCT);
	assert_int_equal(decode_exact(0x43000006, lc_ext(4096, 0xFF, 1, 0), p, 8, &r),
			 IPC4_SUCCESS);
	memset(big, 0, sizeof(big));
	assert_int_equal(decode_exact(0x43000006, lc_ext(4096, 0xFF, 1, 0), big,
				      IPC4_MAILBOX_SIZE + 4, &r), IPC4_INVALID_CONFIG_DATA_STRUCT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_refusals),
		cmocka_unit_test(test_payloadless_messages),
		cmocka_unit_test(test_create_pipeline_truncated),
		cmocka_unit_test(test_create_pipeline_lying_sizes),
		cmocka_unit_test(test_create_pipeline_objects),
		cmocka_unit_test(test_create_pipeline_oversize),
		cmocka_unit_test(test_set_pipeline_state_multi),
		cmocka_unit_test(test_init_instance_truncated),
		cmocka_unit_test(test_init_instance_lying_sizes),
		cmocka_unit_test(test_init_instance_objects),
		cmocka_unit_test(test_large_config_set_fragments),
		cmocka_unit_test(test_large_config_set_vendor),
		cmocka_unit_test(test_large_config_get),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
