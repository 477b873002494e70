/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer harness of the IPC4 handler fed whole message sequences
 * (VREGION_FUZZ). The input is an IPC log (vregion/ipc4/log.h records:
 * u32 primary, u32 extension, u32 payload length, payload; little-endian),
 * the format `--ipc-log` writes, so recorded sessions are seeds as they are.
 * Each request goes to ipc4_handle() of a fresh firmware instance with the
 * project's module manifest, from a heap copy of exactly its payload (ASan
 * sees any read past it), and one LL period runs after each. After the input
 * everything is torn down with fw_delete() and every region, allocation
 * context and system-heap block must be gone, the system heap valid.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/alloc_ctx.h>
#include <vregion/audio/fw.h>
#include <vregion/ipc4/handler.h>
#include <vregion/sysheap.h>
#include <vregion/vregion.h>

#include <vregion/modules/modules.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_MESSAGES 64

static struct ipc4_fw h;
static struct ipc4_reply rep;

static void fail(const char *what, size_t got, size_t want)
{
	fprintf(stderr, "fuzz_ipc4: %s: %zu, expected %zu\n", what, got, want);
	abort();
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("VREGION_LOG_LEVEL", "-1", 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t regions0 = vregion_live_count(), ctx0 = sof_ctx_live_count();
	struct vheap_stats s0, s1;
	struct fw_instance *fw;
	unsigned n = 0;
	int r;

	if (sys_heap_stats(&s0))
		abort();
	fw = fw_new(NULL);
	if (!fw || modules_register_all(fw) || ipc4_fw_init(&h, fw))
		abort();
	while (size >= 12 && n++ < MAX_MESSAGES) {
		uint32_t len = le32(data + 8);
		struct ipc4_msg m;
		uint8_t *payload;

		if (len > IPC4_MAILBOX_SIZE || len > size - 12)
			len = (uint32_t)(size - 12);
		if (len > IPC4_MAILBOX_SIZE)
			len = IPC4_MAILBOX_SIZE;
		payload = malloc(len ? len : 1);
		if (!payload)
			abort();
		memcpy(payload, data + 12, len);
		m = (struct ipc4_msg){ le32(data), le32(data + 4), len ? payload : NULL, len };
		(void)ipc4_handle(&h, &m, &rep);
		free(payload);
		if (fw_ll_run_period(fw) < 0)
			abort();
		data += 12 + len;
		size -= 12 + len;
	}
	r = fw_delete(fw);
	if (r != 0)
		fail("fast-get entries still referenced", (size_t)r, 0);
	if (vregion_live_count() != regions0)
		fail("regions alive", vregion_live_count(), regions0);
	if (sof_ctx_live_count() != ctx0)
		fail("contexts alive", sof_ctx_live_count(), ctx0);
	if (sys_heap_stats(&s1) || s1.live_blocks != s0.live_blocks)
		fail("system-heap blocks alive", s1.live_blocks, s0.live_blocks);
	if (s1.used != s0.used)
		fail("system-heap bytes used", s1.used, s0.used);
	if (sys_heap_validate() != 0)
		fail("system heap invalid", 1, 0);
	return 0;
}
