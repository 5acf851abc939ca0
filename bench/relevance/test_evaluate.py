#!/usr/bin/env python3
"""Unit tests of evaluate.py against figures computed by hand."""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate  # noqa: E402


class HandComputed(unittest.TestCase):
    def test_perfect_ranking_scores_one(self):
        relevant = {"a": 1, "b": 1}
        self.assertAlmostEqual(evaluate.ndcg_at(["a", "b", "x"], relevant), 1.0)
        self.assertAlmostEqual(evaluate.rr_at(["a", "b", "x"], relevant), 1.0)
        self.assertAlmostEqual(evaluate.recall_at(["a", "b", "x"], relevant), 1.0)

    def test_one_relevant_at_rank_three(self):
        # DCG = 1/log2(4) = 0.5; ideal DCG = 1/log2(2) = 1 -> nDCG 0.5; RR = 1/3.
        relevant = {"r": 1}
        ranking = ["x", "y", "r", "z"]
        self.assertAlmostEqual(evaluate.ndcg_at(ranking, relevant), 0.5)
        self.assertAlmostEqual(evaluate.rr_at(ranking, relevant), 1 / 3)
        self.assertAlmostEqual(evaluate.recall_at(ranking, relevant), 1.0)

    def test_two_relevant_one_found_at_rank_two(self):
        # DCG = 1/log2(3) = 0.63093; ideal = 1 + 1/log2(3) = 1.63093 -> nDCG 0.38685.
        relevant = {"a": 1, "b": 1}
        ranking = ["x", "a", "y"]
        self.assertAlmostEqual(evaluate.ndcg_at(ranking, relevant), 0.386853, places=5)
        self.assertAlmostEqual(evaluate.rr_at(ranking, relevant), 0.5)
        self.assertAlmostEqual(evaluate.recall_at(ranking, relevant), 0.5)

    def test_graded_gains(self):
        # gains 2 at rank 1 and 1 at rank 3: DCG = 2 + 1/log2(4) = 2.5;
        # ideal (2, 1) = 2 + 1/log2(3) = 2.630930 -> 0.950234.
        relevant = {"a": 2, "b": 1}
        self.assertAlmostEqual(evaluate.ndcg_at(["a", "x", "b"], relevant), 2.5 / (2 + 1 / math.log2(3)),
                               places=9)
        self.assertAlmostEqual(evaluate.ndcg_at(["a", "x", "b"], relevant), 0.950234, places=5)

    def test_cutoffs(self):
        relevant = {"r": 1}
        ranking = [f"x{i}" for i in range(10)] + ["r"]  # relevant at rank 11
        self.assertEqual(evaluate.ndcg_at(ranking, relevant), 0.0)
        self.assertEqual(evaluate.rr_at(ranking, relevant), 0.0)
        self.assertEqual(evaluate.recall_at(ranking, relevant), 1.0)
        far = [f"x{i}" for i in range(100)] + ["r"]  # rank 101: outside Recall@100
        self.assertEqual(evaluate.recall_at(far, relevant), 0.0)
        self.assertEqual(evaluate.first_relevant_rank(far, relevant), 101)

    def test_run_parsing_orders_by_rank_and_drops_duplicates(self):
        run = evaluate.read_run(["1 Q0 b 2 0.5 t", "1 Q0 a 1 0.9 t", "1 Q0 a 3 0.1 t", "2 Q0 c 1 1 t"])
        self.assertEqual(run, {"1": ["a", "b"], "2": ["c"]})

    def test_qrels_keep_only_relevant(self):
        qrels = evaluate.read_qrels(["1 0 a 1", "1 0 b 0", "2 0 c 2", ""])
        self.assertEqual(qrels, {"1": {"a": 1.0}, "2": {"c": 2.0}})

    def test_means_count_queries_without_results_as_zero(self):
        qrels = {"1": {"a": 1.0}, "2": {"b": 1.0}}
        run = {"1": ["a"]}
        rows, means = evaluate.evaluate(qrels, run)
        self.assertEqual([r["qid"] for r in rows], ["1", "2"])
        self.assertAlmostEqual(means["ndcg10"], 0.5)
        self.assertAlmostEqual(means["rr10"], 0.5)
        self.assertAlmostEqual(means["r100"], 0.5)
        self.assertIsNone(rows[1]["first"])

    def test_bad_qrels_line_is_reported(self):
        with self.assertRaisesRegex(ValueError, "qrels line 1"):
            evaluate.read_qrels(["1 a 1"])


if __name__ == "__main__":
    unittest.main()
