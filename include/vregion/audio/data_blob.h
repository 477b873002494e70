/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Data-blob handler: holds one configuration blob for a module (a filter
 * response, a gain table...). The handler and its blob live in the system
 * heap, outside any region (SOF does the same, spec 6.4); a module gets one
 * through mod_data_blob_handler_new() so mod_free_all() releases it.
 *
 * Thread safety: none; the owning module serialises.
 */
#ifndef VREGION_AUDIO_DATA_BLOB_H
#define VREGION_AUDIO_DATA_BLOB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct data_blob_handler;

/** Make an empty handler. NULL when the system heap is exhausted. */
struct data_blob_handler *data_blob_handler_new(void);
/** Free the handler and its blob. NULL is a no-op. */
void data_blob_handler_free(struct data_blob_handler *bh);
/**
 * Replace the blob with a copy of [@p data, @p data + @p size). Size 0 clears
 * it. Returns 0, -EINVAL (NULL handler, or NULL data with a size), or
 * -ENOMEM (the old blob is kept).
 */
int data_blob_set(struct data_blob_handler *bh, const void *data, size_t size);
/** The current blob (NULL when empty) and its size in *@p size (may be NULL). */
const void *data_blob_get(const struct data_blob_handler *bh, size_t *size);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_AUDIO_DATA_BLOB_H */
