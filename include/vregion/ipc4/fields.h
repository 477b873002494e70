/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Field descriptors: the single description of every IPC4 bit layout.
 *
 * A layout is a table of fields, each saying which bits of which 32-bit
 * word carry which member of a C structure. The same table drives decoding
 * (words -> structure) and encoding (structure -> words), so a bit position
 * is written down exactly once. A field can also embed another layout
 * (a base config inside a copier config, an audio format inside a base
 * config), placed at a word offset and a structure offset.
 *
 * Words are host-order uint32_t. For payload bytes, the *_bytes variants
 * convert from/to little-endian.
 */
#ifndef VREGION_IPC4_FIELDS_H
#define VREGION_IPC4_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ipc4_layout;

/** One field: bits [shift, shift+width) of word @c word <-> a member. */
struct ipc4_field {
	const char *name;               /**< field name as in the reference */
	const struct ipc4_layout *sub;  /**< embedded layout, or NULL */
	uint16_t off;                   /**< offsetof the member (or embedded struct) */
	uint8_t msize;                  /**< sizeof the member: 1, 2, 4 or 8 (0 if sub) */
	uint8_t word;                   /**< word index inside the layout */
	uint8_t shift;                  /**< lowest bit in the word */
	uint8_t width;                  /**< number of bits, 1..32 (0 if sub) */
	uint8_t vshift;                 /**< lowest bit of the member these bits carry */
};

/** A layout: a name, its size in words and its fields. */
struct ipc4_layout {
	const char *name;
	uint16_t words;
	uint16_t count;
	const struct ipc4_field *fields;
};

/** Describe member @p m of @p type held in bits [shift, shift+width) of word @p w. */
#define IPC4_FIELD(type, m, w, sh, wd) \
	{ #m, NULL, (uint16_t)offsetof(type, m), (uint8_t)sizeof(((type *)0)->m), \
	  (uint8_t)(w), (uint8_t)(sh), (uint8_t)(wd), 0 }
/** Bits [vsh, vsh+wd) of a wide member @p m live in bits [sh, sh+wd) of word @p w. */
#define IPC4_FIELD_PART(type, m, w, sh, wd, vsh) \
	{ #m, NULL, (uint16_t)offsetof(type, m), (uint8_t)sizeof(((type *)0)->m), \
	  (uint8_t)(w), (uint8_t)(sh), (uint8_t)(wd), (uint8_t)(vsh) }
/** Embed layout @p lay for member @p m, starting at word @p w. */
#define IPC4_EMBED(type, m, w, lay) \
	{ #m, &(lay), (uint16_t)offsetof(type, m), 0, (uint8_t)(w), 0, 0, 0 }
/** Build a layout from a static field array. */
#define IPC4_LAYOUT(nm, nwords, arr) \
	{ nm, (uint16_t)(nwords), (uint16_t)(sizeof(arr) / sizeof((arr)[0])), arr }

/**
 * Fill the members that @p layout describes in structure @p s from
 * @p words (layout->words host-order words). Other members are untouched.
 * O(fields). Never fails: every field is within the words by construction
 * (see ipc4_layout_check()).
 */
void ipc4_fields_decode(const struct ipc4_layout *layout, const uint32_t *words, void *s);

/**
 * OR the members of @p s that @p layout describes into @p words (the caller
 * zeroes them first; bits outside every field stay as they were).
 * Returns 0, or -ERANGE if a member holds a value that does not fit its
 * field (then @p words is partly written). O(fields).
 */
int ipc4_fields_encode(const struct ipc4_layout *layout, const void *s, uint32_t *words);

/**
 * Decode @p layout from little-endian bytes. Returns 0, or -EINVAL when
 * @p len is smaller than the layout (nothing is read or written then).
 */
int ipc4_fields_decode_bytes(const struct ipc4_layout *layout, const uint8_t *bytes,
			     size_t len, void *s);

/**
 * Encode @p layout into layout->words * 4 little-endian bytes at @p bytes
 * (reserved bits are written as zero). Returns 0, -EINVAL when @p cap is
 * too small, or -ERANGE as ipc4_fields_encode().
 */
int ipc4_fields_encode_bytes(const struct ipc4_layout *layout, const void *s,
			     uint8_t *bytes, size_t cap);

/**
 * Sanity of a layout table: every field within its words and its member,
 * widths 1..32, no two fields sharing a bit. Returns 0 or -EINVAL.
 * Used by the tests over every table.
 */
int ipc4_layout_check(const struct ipc4_layout *layout);

/**
 * The mask of the bits field @p name occupies in word @p word of @p layout
 * (embedded layouts included), or 0 if there is no such field there.
 */
uint32_t ipc4_field_mask(const struct ipc4_layout *layout, const char *name, unsigned word);

/** Read a little-endian u32 at @p p. */
static inline uint32_t ipc4_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

/** Write @p v as a little-endian u32 at @p p. */
static inline void ipc4_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

#ifdef __cplusplus
}
#endif
#endif
