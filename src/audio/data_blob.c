/* SPDX-License-Identifier: BSD-3-Clause */
/* Data-blob handlers: one configuration blob in the system heap. */
#include <errno.h>
#include <string.h>

#include <vregion/audio/data_blob.h>
#include <vregion/sysheap.h>

struct data_blob_handler {
	void *data;
	size_t size;
};

struct data_blob_handler *data_blob_handler_new(void)
{
	return sys_heap_zalloc(sizeof(struct data_blob_handler), 0);
}

void data_blob_handler_free(struct data_blob_handler *bh)
{
	if (!bh)
		return;
	sys_heap_free(bh->data);
	sys_heap_free(bh);
}

int data_blob_set(struct data_blob_handler *bh, const void *data, size_t size)
{
	if (!bh || (size && !data))
		return -EINVAL;
	void *copy = NULL;
	if (size) {
		copy = sys_heap_alloc(size, 0);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, data, size);
	}
	sys_heap_free(bh->data);
	bh->data = copy;
	bh->size = size;
	return 0;
}

const void *data_blob_get(const struct data_blob_handler *bh, size_t *size)
{
	if (size)
		*size = bh ? bh->size : 0;
	return bh ? bh->data : NULL;
}
