/* SPDX-License-Identifier: BSD-3-Clause */
/* mimalloc (Debian libmimalloc-dev) through its mi_ API. */
#include "adapter.h"

#include <mimalloc.h>

static int m_init(size_t max_live_bytes)
{
	(void)max_live_bytes;
	return 0;
}

static void *m_alloc(size_t size)
{
	return mi_malloc(size);
}

static void *m_alloc_align(size_t size, size_t align)
{
	return mi_malloc_aligned(size, align);
}

static void m_free(void *p)
{
	mi_free(p);
}

static void m_fini(void)
{
}

const struct bench_adapter bench_adapter = {
	.name = "mimalloc",
	.init = m_init,
	.alloc = m_alloc,
	.alloc_align = m_alloc_align,
	.free = m_free,
	.fini = m_fini,
	.alloc_fn = (const void *)mi_malloc,
	.align_fn = (const void *)mi_malloc_aligned,
	.free_fn = (const void *)mi_free,
};
