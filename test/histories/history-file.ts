import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

/*
 * Histories are stored as protobuf.js plain objects (longs, enums and bytes as strings), not via
 * the SDK's historyToJSON: in this install @temporalio/common carries its own protobufjs copy, and
 * historyToJSON fails with "type must be a Type" on the History class of @temporalio/proto.
 */
const conversion = { longs: String, enums: String, bytes: String, defaults: false } as const;

/** A fetched history as JSON-safe data for test/histories/*.json. */
export function encodeHistory(history: History): unknown {
  return temporal.api.history.v1.History.toObject(
    temporal.api.history.v1.History.fromObject(history),
    conversion,
  );
}

/** A history read back from test/histories/*.json, ready for Worker.runReplayHistories. */
export function decodeHistory(json: unknown): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.fromObject(json as Record<string, unknown>);
}
