#include "analysis/label_pair_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hybridctl::analysis {
namespace label_pair_index_test {

struct Labelled {
  std::string name;
  StringMap labels;
};

const StringMap& labels_of(const Labelled& x) { return x.labels; }

std::vector<std::string> names(const std::vector<const Labelled*>& found) {
  std::vector<std::string> out;
  for (const Labelled* x : found) out.push_back(x->name);
  return out;
}

TEST(LabelPairIndex, MatchesAsTheWholeSelectorDoesWithinTheNamespaceInInsertionOrder) {
  Labelled web{"web", {{"app", "web"}, {"tier", "front"}}};
  Labelled web_canary{"web-canary", {{"app", "web"}, {"tier", "front"}, {"track", "canary"}}};
  Labelled api{"api", {{"app", "api"}, {"tier", "front"}}};
  Labelled other_ns{"web-elsewhere", {{"app", "web"}, {"tier", "front"}}};
  LabelPairIndex<Labelled> index;
  index.add("prod", web.labels, &web);
  index.add("prod", web_canary.labels, &web_canary);
  index.add("prod", api.labels, &api);
  index.add("dev", other_ns.labels, &other_ns);

  EXPECT_EQ(names(index.matching("prod", {{"app", "web"}}, labels_of)),
            (std::vector<std::string>{"web", "web-canary"}));
  // The first pair (app=web) narrows; the second (track=canary) must also hold.
  EXPECT_EQ(names(index.matching("prod", {{"app", "web"}, {"track", "canary"}}, labels_of)),
            (std::vector<std::string>{"web-canary"}));
  EXPECT_EQ(names(index.matching("prod", {{"tier", "front"}}, labels_of)),
            (std::vector<std::string>{"web", "web-canary", "api"}));
  EXPECT_EQ(names(index.matching("dev", {{"app", "web"}}, labels_of)), (std::vector<std::string>{"web-elsewhere"}));
  EXPECT_TRUE(index.matching("prod", {{"app", "db"}}, labels_of).empty());
  EXPECT_TRUE(index.matching("staging", {{"app", "web"}}, labels_of).empty());
}

TEST(LabelPairIndex, AnEmptySelectorMatchesNothing) {
  // A Service without a selector has no endpoints the controller manages:
  // callers test has_selector; the index must not answer "everything".
  Labelled web{"web", {{"app", "web"}}};
  LabelPairIndex<Labelled> index;
  index.add("prod", web.labels, &web);
  EXPECT_TRUE(index.matching("prod", {}, labels_of).empty());
}

TEST(LabelPairIndex, PairsThatShareAnIndexKeyAreToldApartByTheSelector) {
  // b="c=d" and "b=c"="d" are both indexed as b=c=d (neither is a valid
  // label, but manifests are not validated): the full match separates them.
  Labelled x{"x", {{"b", "c=d"}}};
  Labelled y{"y", {{"b=c", "d"}}};
  LabelPairIndex<Labelled> index;
  index.add("a", x.labels, &x);
  index.add("a", y.labels, &y);
  EXPECT_EQ(names(index.matching("a", {{"b", "c=d"}}, labels_of)), (std::vector<std::string>{"x"}));
  EXPECT_EQ(names(index.matching("a", {{"b=c", "d"}}, labels_of)), (std::vector<std::string>{"y"}));
}

TEST(LabelPairIndex, ObjectsSharingTheirLabelsAreFoundLikeAnyOther) {
  // Interned replicas share their labels' storage: the index looks their
  // pairs up once, and still lists each object, in its namespace only.
  Labelled first{"web-1", {{"app", "web"}, {"tier", "front"}}};
  Labelled second{"web-2", first.labels};  // shares first's storage
  Labelled elsewhere{"web-dev", first.labels};
  Labelled api{"api", {{"app", "api"}}};
  ASSERT_EQ(first.labels.storage_id(), second.labels.storage_id());
  LabelPairIndex<Labelled> index;
  index.add("prod", first.labels, &first);
  index.add("prod", api.labels, &api);
  index.add("prod", second.labels, &second);
  index.add("dev", elsewhere.labels, &elsewhere);
  EXPECT_EQ(names(index.matching("prod", {{"tier", "front"}}, labels_of)),
            (std::vector<std::string>{"web-1", "web-2"}));
  EXPECT_EQ(names(index.matching("prod", {{"app", "web"}, {"tier", "front"}}, labels_of)),
            (std::vector<std::string>{"web-1", "web-2"}));
  EXPECT_EQ(names(index.matching("dev", {{"app", "web"}}, labels_of)), (std::vector<std::string>{"web-dev"}));
  EXPECT_EQ(names(index.matching("prod", {{"app", "api"}}, labels_of)), (std::vector<std::string>{"api"}));
}

}  // namespace label_pair_index_test
}  // namespace hybridctl::analysis
