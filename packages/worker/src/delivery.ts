/** One item a polling subscription delivered, read from the delivery stream. */
export interface Delivery {
  /** The stream entry id: unique, in delivery order. */
  id: string;
  subscriptionId: string;
  /** The item's key within its subscription: `key:<dedupe value>`, or `hash:<sha256>` when it has none. */
  key: string;
  item: unknown;
}
