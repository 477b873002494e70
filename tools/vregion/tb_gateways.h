/* Connect the testbench's endpoint streams to the copiers' gateways. */
#ifndef VREGION_TOOL_TB_GATEWAYS_H
#define VREGION_TOOL_TB_GATEWAYS_H

#include "streams.h"
#include "tb_firmware.h"

int tb_gateways_attach(struct tb_firmware *f, const struct topology *t, struct tb_streams *ss);

#endif
