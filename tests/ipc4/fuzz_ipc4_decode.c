/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer harness for the IPC4 decoder (clang, -DVREGION_IPC4_FUZZ=ON).
 * Input: 4 bytes primary, 4 bytes extension (LE), then the payload, copied
 * to a block of exactly its length. Whatever decodes must re-encode to a
 * message that decodes again; module configs of INIT_INSTANCE go through
 * every config decoder.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/ipc4/ipc4.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ipc4_request r, r2;
static struct ipc4_frame f;

static void configs(const struct ipc4_init_instance *ii)
{
	struct ipc4_copier_cfg c;
	static struct ipc4_gain_cfg g;
	struct ipc4_src_cfg s;
	struct ipc4_base_cfg b;
	static struct ipc4_base_cfg_ext e;

	(void)ipc4_copier_cfg_decode(ii->config, ii->config_len, &c);
	(void)ipc4_gain_cfg_decode(ii->config, ii->config_len, &g);
	(void)ipc4_src_cfg_decode(ii->config, ii->config_len, &s);
	(void)ipc4_base_cfg_ext_decode(ii->config, ii->config_len, &b, &e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ipc4_msg m;
	uint8_t *payload;

	if (size < 8 || size > 8 + IPC4_MAILBOX_SIZE + 64)
		return 0;
	payload = malloc(size - 8 ? size - 8 : 1);
	if (!payload)
		return 0;
	memcpy(payload, data + 8, size - 8);
	m = (struct ipc4_msg){ ipc4_le32(data), ipc4_le32(data + 4), payload, (uint32_t)(size - 8) };
	if (ipc4_decode(&m, &r) == IPC4_SUCCESS) {
		if (r.kind == IPC4_KIND_INIT_INSTANCE)
			configs(&r.u.init_instance);
		if (ipc4_encode(&r, &f) == 0) {
			struct ipc4_msg m2 = { f.primary, f.extension, f.payload, f.len };

			if (ipc4_decode(&m2, &r2) != IPC4_SUCCESS)
				abort();
		}
	}
	free(payload);
	return 0;
}
