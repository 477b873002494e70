/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the IPC4 codec tests. */
#ifndef IPC4_TEST_UTIL_H
#define IPC4_TEST_UTIL_H

#include <stdlib.h>
#include <string.h>

#include <vregion/ipc4/ipc4.h>

/*
 * Decode (primary, extension, bytes[0..len)) from a heap copy of exactly
 * len bytes, so that AddressSanitizer catches any read past the payload.
 * Checks that a refused message leaves @out untouched.
 */
static inline uint32_t decode_exact(uint32_t primary, uint32_t extension, const uint8_t *bytes,
				    uint32_t len, struct ipc4_request *out)
{
	static struct ipc4_request before;
	uint8_t *copy = malloc(len ? len : 1);
	struct ipc4_msg m = { primary, extension, copy, len };
	uint32_t status;

	if (!copy)
		abort();
	if (len)
		memcpy(copy, bytes, len);
	memset(out, 0xA5, sizeof(*out));
	memcpy(&before, out, sizeof(before));
	status = ipc4_decode(&m, out);
	if (status != IPC4_SUCCESS && memcmp(&before, out, sizeof(before)) != 0)
		abort();  /* a refused message must not write the output */
	/* pointers into the payload must not outlive it: keep the copy alive */
	if (status == IPC4_SUCCESS) {
		static uint8_t *keep[64];
		static unsigned n;

		free(keep[n % 64]);
		keep[n++ % 64] = copy;
	} else {
		free(copy);
	}
	return status;
}

#endif
