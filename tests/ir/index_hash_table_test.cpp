// ir::IndexHashTable: finds exactly what was inserted, through growth and hash collisions.

#include "ir/index_hash_table.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace bpc::ir {
namespace {

TEST(IndexHashTable, FindsEveryInsertedElementThroughGrowth) {
  std::vector<std::string> store;
  IndexHashTable table;
  const auto hash = [](const std::string& s) { return mix_hash(std::hash<std::string>{}(s)); };
  const auto lookup = [&](const std::string& s) {
    return table.find(hash(s), [&](std::uint32_t i) { return store[i] == s; });
  };
  for (int i = 0; i < 5000; ++i) {
    store.push_back("name" + std::to_string(i));
    ASSERT_EQ(lookup(store.back()), IndexHashTable::kNone);
    table.insert(hash(store.back()), static_cast<std::uint32_t>(store.size() - 1));
  }
  EXPECT_EQ(table.size(), 5000u);
  for (std::uint32_t i = 0; i < store.size(); ++i) EXPECT_EQ(lookup(store[i]), i);
  EXPECT_EQ(lookup("name5000"), IndexHashTable::kNone);
  EXPECT_EQ(lookup(""), IndexHashTable::kNone);
}

TEST(IndexHashTable, TellsApartElementsWhoseHashesCollide) {
  // Every element under one hash: the table must still compare the elements themselves.
  std::vector<int> store = {10, 20, 30, 40};
  IndexHashTable table;
  table.reserve(2);
  for (std::uint32_t i = 0; i < store.size(); ++i) table.insert(7, i);
  for (std::uint32_t i = 0; i < store.size(); ++i) {
    EXPECT_EQ(table.find(7, [&](std::uint32_t j) { return store[j] == store[i]; }), i);
  }
  EXPECT_EQ(table.find(7, [&](std::uint32_t j) { return store[j] == 50; }), IndexHashTable::kNone);
  EXPECT_EQ(table.find(8, [&](std::uint32_t) { return true; }), IndexHashTable::kNone);
}

TEST(IndexHashTable, EmptyTableFindsNothing) {
  const IndexHashTable table;
  EXPECT_EQ(table.find(0, [](std::uint32_t) { return true; }), IndexHashTable::kNone);
  EXPECT_EQ(table.size(), 0u);
}

}  // namespace
}  // namespace bpc::ir
