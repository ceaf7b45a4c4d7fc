// What a Pod Identity association id looks like; pure (the declaration's adopt rules check it).

/** EKS's association ids: "a-" and 17 lower-case letters and digits. */
export const ASSOCIATION_ID = /^a-[a-z0-9]{17}$/;
