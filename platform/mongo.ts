import { MongoClient, type Db } from 'mongodb';

/**
 * Connects to the MongoDB-wire store. Reads and writes are single-document and idempotent by
 * design, so no session or transaction options are used (FerretDB v1 has none).
 */
export async function connectStore(url: string, dbName: string): Promise<{ client: MongoClient; db: Db }> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000, appName: 'ledgerline' });
  await client.connect();
  return { client, db: client.db(dbName) };
}
