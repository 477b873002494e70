/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host memory hooks: the page pool and the system heap live in address
 * space reserved with mmap on first use (pages are only backed when
 * touched). Sizes come from VREGION_POOL_BYTES / VREGION_SYSHEAP_BYTES in
 * the environment, else the defaults below. A host has no cache aliases, so
 * the cache hooks are identities.
 */
#define _DEFAULT_SOURCE /* mmap flags, flockfile */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <vregion/platform.h>

#define DEFAULT_POOL_BYTES ((size_t)256 << 20)
#define DEFAULT_SYSHEAP_BYTES ((size_t)64 << 20)

static size_t env_bytes(const char *name, size_t fallback)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return fallback;
	char *end;
	unsigned long long n = strtoull(v, &end, 0);
	return (*end == '\0' && n > 0) ? (size_t)n : fallback;
}

static int reserve(size_t bytes, void **base, size_t *out)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return -ENOMEM;
	*base = p;
	*out = bytes;
	return 0;
}

int vr_platform_page_span(void **base, size_t *bytes)
{
	return reserve(env_bytes("VREGION_POOL_BYTES", DEFAULT_POOL_BYTES), base, bytes);
}

int vr_platform_sysheap_span(void **base, size_t *bytes)
{
	return reserve(env_bytes("VREGION_SYSHEAP_BYTES", DEFAULT_SYSHEAP_BYTES), base, bytes);
}

void vr_dcache_invalidate(void *p, size_t bytes)
{
	(void)p;
	(void)bytes;
}

void *vr_uncached(void *p)
{
	return p;
}

void *vr_cached(void *p)
{
	return p;
}
