import { isoUtc7 } from "../events/datetime";

/** Change-notification subscriptions, as the service keeps them. */
export interface Subscription {
  id: string;
  /** As the client wrote it (echoed back verbatim). */
  resource: string;
  /** Object id of the mailbox owner the resource names. */
  mailboxId: string;
  changeType: string;
  changeTypes: Set<string>;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationMs: number;
  clientState: string | null;
  applicationId: string;
  creatorId: string;
  /** Tenant of the token that created it (goes into each notification). */
  tenantId: string;
  latestSupportedTlsVersion: string;
  /** Set by a `reauthorizationRequired` lifecycle event, cleared by /reauthorize. */
  reauthorizationRequired: boolean;
}

export function subscriptionJson(s: Subscription): Record<string, unknown> {
  return {
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeType,
    clientState: s.clientState,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl,
    expirationDateTime: isoUtc7(s.expirationMs),
    creatorId: s.creatorId,
    includeResourceData: false,
    latestSupportedTlsVersion: s.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
    notificationContentType: "application/json",
  };
}

export class SubscriptionStore {
  private readonly items = new Map<string, Subscription>();

  constructor(private readonly now: () => Date) {}

  /** Expired subscriptions are gone: the service deletes them and stops delivering. */
  private purge(): void {
    const t = this.now().getTime();
    for (const [id, s] of this.items) if (s.expirationMs <= t) this.items.delete(id);
  }

  add(s: Subscription): void {
    this.items.set(s.id, s);
  }

  get(id: string): Subscription | undefined {
    this.purge();
    return this.items.get(id.toLowerCase()) ?? [...this.items.values()].find((s) => s.id.toLowerCase() === id.toLowerCase());
  }

  remove(id: string): boolean {
    const s = this.get(id);
    return s ? this.items.delete(s.id) : false;
  }

  all(): Subscription[] {
    this.purge();
    return [...this.items.values()];
  }

  forMailbox(mailboxId: string): Subscription[] {
    return this.all().filter((s) => s.mailboxId.toLowerCase() === mailboxId.toLowerCase());
  }

  isActive(id: string): boolean {
    return this.get(id) !== undefined;
  }

  clear(): void {
    this.items.clear();
  }
}
