/*
 * taxid.h - 統一編號, the 8-digit business tax id of a vendor.
 *
 * The Ministry of Finance check rule: multiply the digits by the weights
 * 1,2,1,2,1,2,4,1, add the digits of each product, and the total must be
 * divisible by 5 (the rule since 2023; every number valid under the old
 * divisible-by-10 rule stays valid).  When the seventh digit is 7 its
 * product 28 counts as either 1 or 0 (2 + 8 = 10, whose digits are 1 and 0).
 */
#ifndef JAUDIT_TAXID_H
#define JAUDIT_TAXID_H

/* 1 if s is exactly eight ASCII digits that pass the check rule. */
int taxid_valid(const char *s);

#endif
