# ruff: noqa: E501, W291
"""Generalisation set for the one-design splitter (issue 17, point 1 and "Measure").

Written by SPLIT2 before changing the splitter, in forms R1, QwQ, Qwen3 and distills write and
no earlier set holds: interleaved reasoning that revisits earlier questions, answers in another
order than asked, Chinese thinking and answers, declined questions, answers only in the
thinking, answer sections cut mid-way and responses cut inside their thinking, prose ordinals,
topic references ("the bike question", "the former/the latter", "the last one"), markdown
headings, bold labels, numbered lists, tables with extra columns, JSON and code blocks,
"respectively" sentences, ``x = 5`` forms, multiple choice, several boxes per question and
revised answers. Expected answers are what a careful reader takes as each question's final
answer (``-``: none, per DESIGN "Reading model text"); ``own`` holds a word only question k's
chain may hold (purity). Same format as ``tests/labeling/data/batched_eval*.txt``.

Score it: ``python tests/labeling/split/test_generalisation.py`` (answer accuracy and purity).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest

from drqa.labeling.normalise import normalise_answer
from drqa.labeling.split import split_batched_response
from drqa.labeling.split.structured import json_answers, table_answers
from drqa.labeling.split.values import answer_value, piece_value

CASES = r"""
=== r1-revisit-first-after-second
problems: A train travels 180 km in 3 hours. What is its average speed in km/h? || How many ways can 4 books be arranged on a shelf?
answers: 60 | 24
own: locomotive | shelf
---
<think>
Okay, let me look at the first problem. The train covers 180 km in 3 hours, so the speed is 180/3 = 60 km/h. A locomotive at 60, fine.

Now the second problem: arranging 4 distinct books on a shelf is 4! = 24.

Wait, going back to the first problem — did it say average speed? Yes, average speed, total distance over total time, the locomotive result of 60 stands.

And for the second, 4*3*2*1 = 24, the shelf count is right.
</think>

**Problem 1:** Average speed = 180 / 3 = $\boxed{60}$ km/h.

**Problem 2:** The number of arrangements is $4! = \boxed{24}$.

=== qwq-answers-out-of-order
problems: What is 15% of 80? || What is the remainder when 100 is divided by 7? || What is 2^10?
answers: 12 | 2 | 1024
own: percent | remainder | kilobyte
---
<think>
Alright, three questions. The power of two one is quickest: 2^10 = 1024, the kilobyte number.
Then 100 divided by 7: 7*14 = 98, remainder 2.
Finally 15 percent of 80 is 0.15*80 = 12.
</think>

I'll answer them in the order I solved them.

**Question 3:** $2^{10} = \boxed{1024}$

**Question 2:** $100 = 7 \cdot 14 + 2$, so the remainder is $\boxed{2}$.

**Question 1:** $0.15 \times 80 = \boxed{12}$

=== chinese-thinking-chinese-answers
problems: 一个长方形长8厘米，宽5厘米，面积是多少？ || 小明有12个苹果，吃了4个，还剩几个？
answers: 40 | 8
own: 长方形 | 苹果
---
<think>
好的，我们来看第一题。长方形面积等于长乘宽，8乘5等于40。

第二题：小明有12个苹果，吃了4个，12减4等于8。

检查一下，第一题40平方厘米，第二题8个，没问题。
</think>

**第一题**：长方形的面积 = 8 × 5 = $\boxed{40}$ 平方厘米。

**第二题**：剩下的苹果 = 12 − 4 = $\boxed{8}$ 个。

=== chinese-thinking-english-answers
problems: What is the sum of the interior angles of a pentagon in degrees? || What is the least common multiple of 6 and 8?
answers: 540 | 24
own: 五边形 | 最小公倍数
---
<think>
嗯，问题1：五边形内角和 = (5-2)×180 = 540 度。
问题2：6 和 8 的最小公倍数，6=2×3，8=2^3，所以是 2^3×3 = 24。
好，用英文作答。
</think>

Question 1: The interior angles of a pentagon sum to $(5-2)\cdot 180^\circ = \boxed{540}$ degrees.

Question 2: $\operatorname{lcm}(6, 8) = \boxed{24}$.

=== declines-middle-question
problems: What is 9 * 7? || Find the exact value of the 100th prime number times pi to 50 digits. || What is 81 / 9?
answers: 63 | - | 9
own: nines | digits | divide
---
<think>
First, 9 * 7 = 63, nines table.
The second asks for something to 50 digits; I can't reliably compute that many digits by hand.
The third, 81 / 9 = 9, divide evenly.
</think>

**Question 1:** $9 \times 7 = \boxed{63}$

**Question 2:** I'm unable to compute this to 50 digits reliably without a computer, so I won't give a value.

**Question 3:** $81 / 9 = \boxed{9}$

=== answers-only-in-thinking
problems: What is 6 + 7? || What is 12 - 5?
answers: - | -
own: - | -
---
<think>
6 + 7 = 13, so \boxed{13}.
12 - 5 = 7, so \boxed{7}.
</think>

I've worked through both problems above.

=== answer-section-cut-mid-way
problems: What is 25 * 4? || What is the area of a circle of radius 2 (in terms of pi)? || What is 1000 / 8?
answers: 100 | 4\pi | -
own: quarters | radius | eighths
---
finish: length
<think>
25 * 4 = 100, four quarters of a dollar.
Circle of radius 2: pi r^2 = 4 pi.
1000 / 8: eighths, 125.
</think>

**Question 1:** $25 \times 4 = \boxed{100}$

**Question 2:** $A = \pi r^2 = \boxed{4\pi}$

**Question 3:** Dividing, $1000 / 8 = 

=== cut-inside-thinking
problems: What is 17 * 3? || What is 144 / 12?
answers: - | -
own: - | -
---
finish: length
<think>
First: 17 * 3 = 51. So the answer to the first is 51.
Second: 144 / 12 = 12. Let me double check: 12 * 12 = 144. Yes. Now let me write the final answers carefully, making sure each is

=== prose-ordinals-sentence
problems: How many legs do 3 spiders have? || How many sides do 2 hexagons have in total? || How many minutes are in 2.5 hours?
answers: 24 | 12 | 150
own: arachnid | honeycomb | clock
---
<think>
Spiders have 8 legs each, 3 arachnid friends make 24 legs.
Each hexagon has 6 sides like a honeycomb cell, so 2 give 12.
2.5 hours on the clock is 2.5 * 60 = 150 minutes.
</think>

The first answer is 24 legs, the second is 12 sides, and the third is 150 minutes.

=== topic-references-bike-apples
problems: A bike wheel has a radius of 30 cm. How far does it roll in 10 full turns, to the nearest cm? || Sara buys 6 apples at 45 cents each. How much does she pay in cents?
answers: 1885 | 270
own: circumference | cents each
---
<think>
For the bike question: circumference = 2 * pi * 30 = 188.5 cm, times 10 turns = 1884.96, so 1885 cm.
For the apples: 6 apples at 45 cents each = 270 cents.
</think>

For the bike question, ten turns cover $10 \cdot 2\pi \cdot 30 \approx 1885$ cm, so the answer is $\boxed{1885}$.

For the apples question, $6 \times 45 = \boxed{270}$ cents.

=== former-latter
problems: What is the perimeter of a square with side 7? || What is the area of a square with side 7?
answers: 28 | 49
own: perimeter | area
---
<think>
Perimeter of a square of side 7: 4 * 7 = 28.
Area: 7 * 7 = 49.
</think>

The former is $4 \times 7 = \boxed{28}$, the perimeter.

The latter is $7^2 = \boxed{49}$, the area.

=== the-last-one-prose
problems: What is 3^3? || What is 4^3? || What is 5^3?
answers: 27 | 64 | 125
own: - | - | -
---
<think>
3 cubed 27, 4 cubed 64, 5 cubed 125.
</think>

The first one is $3^3 = 27$. The second one is $4^3 = 64$. The last one is $5^3 = 125$.

=== markdown-headings-with-titles
problems: A recipe needs 3 eggs per cake. How many eggs for 7 cakes? || A car uses 8 liters per 100 km. How many liters for 250 km?
answers: 21 | 20
own: recipe | liters per
---
<think>
Eggs: 3 per cake, 7 cakes, 21 eggs for the recipe.
Fuel: 8 liters per 100 km, 250 km is 2.5 * 8 = 20 liters.
</think>

## Problem 1: Eggs for the recipe

Each cake takes 3 eggs, so 7 cakes take $3 \times 7 = 21$ eggs.

**Answer:** **21**

## Problem 2: Fuel

At 8 liters per 100 km, 250 km needs $2.5 \times 8 = 20$ liters.

**Answer:** **20**

=== bold-number-labels
problems: What is 4^2? || What is 3! ? || What is 10 choose 2?
answers: 16 | 6 | 45
own: - | - | -
---
<think>
4^2 = 16. 3! = 6. C(10,2) = 45.
</think>

**1.** 16

**2.** 6

**3.** 45

=== answer-label-bold-value
problems: What is 2 + 14? || What is 30 / 5?
answers: 16 | 6
own: fourteen | thirty
---
<think>
2 + fourteen = 16.
thirty divided by 5 = 6.
</think>

### Question 1
Adding gives sixteen.

**Answer:** **16**

### Question 2
Dividing gives six.

**Answer:** **6**

=== numbered-list-paren
problems: What is 11 * 11? || What is 7 * 8? || What is 99 + 1?
answers: 121 | 56 | 100
own: - | - | -
---
<think>
11*11=121, 7*8=56, 99+1=100.
</think>

Final answers:
1) 121
2) 56
3) 100

=== numbered-list-bold-values
problems: What is 13 + 29? || What is 50 - 17?
answers: 42 | 33
own: - | -
---
<think>
13 + 29 = 42. 50 - 17 = 33.
</think>

Here are my answers:

1. **42**
2. **33**

=== table-extra-columns
problems: What is 12 * 12? || What is 225 / 15? || What is 19 + 23?
answers: 144 | 15 | 42
own: - | - | -
---
<think>
12*12 = 144, 225/15 = 15, 19+23 = 42.
</think>

| # | Problem | Method | Answer |
|---|---------|--------|--------|
| 1 | 12 × 12 | square | 144 |
| 2 | 225 ÷ 15 | long division | 15 |
| 3 | 19 + 23 | addition | 42 |

=== table-answer-not-last
problems: What is 8 * 9? || What is 64 / 8?
answers: 72 | 8
own: - | -
---
<think>
8*9 = 72; 64/8 = 8.
</think>

| Question | Answer | Check |
|---|---|---|
| 1 | 72 | 72 / 9 = 8 ✓ |
| 2 | 8 | 8 × 8 = 64 ✓ |

=== json-block
problems: What is 6 * 6? || What is 81 - 9? || What is 5 + 5?
answers: 36 | 72 | 10
own: - | - | -
---
<think>
6*6=36, 81-9=72, 5+5=10.
</think>

```json
{"1": 36, "2": 72, "3": 10}
```

=== json-list-of-objects
problems: What is 14 / 2? || What is 9 * 3?
answers: 7 | 27
own: - | -
---
<think>
14/2 = 7, 9*3 = 27.
</think>

```json
[
  {"question": 1, "answer": "7"},
  {"question": 2, "answer": "27"}
]
```

=== code-block-answers
problems: What is the sum of 1 to 10? || What is 2 to the power 8?
answers: 55 | 256
own: - | -
---
<think>
sum 1..10 = 55; 2^8 = 256.
</think>

```
Q1: 55
Q2: 256
```

=== respectively-sentence
problems: What is 7 + 8? || What is 20 - 9? || What is 3 * 7?
answers: 15 | 11 | 21
own: - | - | -
---
<think>
7+8=15, 20-9=11, 3*7=21.
</think>

The answers are 15, 11, and 21, respectively.

=== in-order-boxes-sentence
problems: What is 100 - 37? || What is 6 * 12?
answers: 63 | 72
own: - | -
---
<think>
100-37 = 63. 6*12 = 72.
</think>

In order, the answers are $\boxed{63}$ and $\boxed{72}$.

=== x-equals-forms
problems: Solve 2x + 3 = 13. || Solve 3y - 6 = 0.
answers: x = 5 | y = 2
own: - | -
---
<think>
2x = 10 so x = 5. 3y = 6 so y = 2.
</think>

**Question 1:** $x = 5$

**Question 2:** $y = 2$

=== multiple-choice-letters
problems: Which is prime? (A) 21 (B) 27 (C) 29 (D) 33 || Which is even? (A) 13 (B) 17 (C) 22 (D) 25
answers: C | C
own: prime | even
---
<think>
21 = 3*7, 27 = 3^3, 29 is prime, 33 = 3*11. So (C) for the prime one.
13, 17, 25 odd; 22 even. So (C) for the even one.
</think>

**Question 1:** (C) 29 — it is the only prime.

**Question 2:** (C) 22 — the only even number.

=== multiple-choice-boxed-letter
problems: What is 1/4 as a percent? (A) 20% (B) 25% (C) 40% (D) 4% || Which is largest? (A) 0.5 (B) 0.45 (C) 0.405 (D) 0.54
answers: B | D
own: quarter | largest
---
<think>
A quarter is 25%, so B. Largest: 0.54, so D.
</think>

**Question 1:** One quarter is 25%, so the answer is $\boxed{\text{(B)}}$.

**Question 2:** The largest is 0.54: $\boxed{D}$.

=== several-boxes-last-final
problems: What is 48 / 6? || What is 7 * 7 - 1?
answers: 8 | 48
own: sixes | squared
---
<think>
48/6 = 8, sixes. 7*7-1 = 48, squared minus one.
</think>

**Question 1:** First I wrote $\boxed{9}$ but $6 \times 9 = 54$, not 48. Correcting: $48/6 = \boxed{8}$.

**Question 2:** $7^2 - 1 = \boxed{48}$.

=== revised-answer-correction
problems: What is 15 * 4? || What is 91 / 7?
answers: 60 | 13
own: - | -
---
<think>
15*4 = 60; 91/7 = 13.
</think>

**Question 1:** $\boxed{60}$

**Question 2:** $\boxed{12}$

Wait, correction for Question 2: $7 \times 12 = 84$, so $91 / 7 = \boxed{13}$.

=== qwen3-final-answers-heading
problems: What is 3 + 5 * 2? || What is (3 + 5) * 2? || What is 18 / 3 / 2?
answers: 13 | 16 | 3
own: Precedence | parentheses | left to right
---
<think>
Precedence first: 5*2 = 10, plus 3 is 13.
With parentheses: 8 * 2 = 16.
18/3 = 6, /2 = 3, left to right.
</think>

### Final Answers

1. $\boxed{13}$
2. $\boxed{16}$
3. $\boxed{3}$

=== r1-final-answer-block
problems: What is 2^6? || What is 3^4?
answers: 64 | 81
own: - | -
---
<think>
2^6 = 64; 3^4 = 81.
</think>

**Final Answer**

1. \boxed{64}
2. \boxed{81}

=== mathbf-residue
problems: What is 17 + 26? || What is 90 - 45?
answers: 43 | 45
own: - | -
---
<think>
17+26=43, 90-45=45.
</think>

**Question 1:** $\mathbf{43}$

**Question 2:** $\mathbf{45}$

=== layout-with-text-wrapped
problems: Is 91 prime? Answer yes or no. || Is 97 prime? Answer yes or no.
answers: no | yes
own: thirteen | ninety-seven
---
<think>
91 = 7 * 13, thirteen divides it, not prime.
ninety-seven has no divisor up to 9, prime.
</think>

Answer to Question 1: 91 = 7 × 13. \boxed{\text{no}}

Answer to Question 2: 97 has no divisor up to 9. \boxed{\text{yes}}

=== letter-labels-inline
problems: What is 5 * 5? || What is 6 * 6?
answers: 25 | 36
own: - | -
---
<think>
25 and 36.
</think>

(a) 25   (b) 36

=== keycap-labels
problems: What is 8 + 8? || What is 9 + 9? || What is 10 + 10?
answers: 16 | 18 | 20
own: - | - | -
---
<think>
16, 18, 20.
</think>

1️⃣ 16
2️⃣ 18
3️⃣ 20

=== spanish-answers
problems: ¿Cuánto es 12 + 15? || ¿Cuánto es 40 / 8?
answers: 27 | 5
own: suma | división
---
<think>
Pregunta 1: la suma 12 + 15 = 27.
Pregunta 2: la división 40 / 8 = 5.
</think>

**Pregunta 1:** $\boxed{27}$

**Pregunta 2:** $\boxed{5}$

=== q-equals-line
problems: What is 7 * 6? || What is 56 / 7?
answers: 42 | 8
own: - | -
---
<think>
42 and 8.
</think>

Q1 = 42; Q2 = 8.

=== units-in-bold-prose
problems: A cyclist rides 45 km in 1.5 hours. What is her speed in km/h? || A tank holds 120 liters and is 3/4 full. How many liters are in it?
answers: 30 | 90
own: cyclist | tank
---
<think>
The cyclist: 45/1.5 = 30 km/h.
The tank: 3/4 of 120 = 90 liters.
</think>

**Answer 1:** The cyclist rides at **30 km/h**.

**Answer 2:** The tank holds **90 liters**.

=== decline-no-marker-prose
problems: What is 14 + 28? || What is the largest prime factor of 600851475143?
answers: 42 | -
own: - | -
---
<think>
14 + 28 = 42. The second one is a big factorization; I cannot finish it by hand.
</think>

**Question 1:** $\boxed{42}$

**Question 2:** I could not solve this one by hand in the time available.

=== five-questions-headings
problems: What is 1+1? || What is 2+2? || What is 3+3? || What is 4+4? || What is 5+5?
answers: 2 | 4 | 6 | 8 | 10
own: - | - | - | - | -
---
<think>
Easy: 2, 4, 6, 8, 10.
</think>

### Problem 1
$1 + 1 = \boxed{2}$

### Problem 2
$2 + 2 = \boxed{4}$

### Problem 3
$3 + 3 = \boxed{6}$

### Problem 4
$4 + 4 = \boxed{8}$

### Problem 5
$5 + 5 = \boxed{10}$

=== five-questions-summary-line-json
problems: What is 2*3? || What is 3*4? || What is 4*5? || What is 5*6? || What is 6*7?
answers: 6 | 12 | 20 | 30 | 42
own: - | - | - | - | -
---
<think>
6, 12, 20, 30, 42.
</think>

All five are products of consecutive integers.

Final answers: [6, 12, 20, 30, 42]

=== distill-answer-colon-lines
problems: What is 33 + 44? || What is 55 - 22? || What is 11 * 3?
answers: 77 | 33 | 33
own: - | - | -
---
<think>
77, 33, 33.
</think>

Answer 1: 77
Answer 2: 33
Answer 3: 33

=== interleaved-thinking-three-revisits
problems: How many edges does a cube have? || How many faces does a tetrahedron have? || How many vertices does an octahedron have?
answers: 12 | 4 | 6
own: cube | tetrahedron | octahedron
---
<think>
Question 1: a cube has 12 edges.
Question 2: a tetrahedron has 4 faces.
Back to question 1 for a moment: 8 vertices, 6 faces, V - E + F = 2 gives E = 12 for the cube. Good.
Question 3: an octahedron has 6 vertices.
Returning to question 2, the tetrahedron: 4 vertices, 6 edges, 4 faces, 4 - 6 + 4 = 2. Good.
</think>

1. **12**
2. **4**
3. **6**

=== thinking-in-answer-prose-ordinals-german
problems: Was ist 9 + 6? || Was ist 20 - 8?
answers: 15 | 12
own: - | -
---
<think>
9+6 = 15, 20-8 = 12.
</think>

**Aufgabe 1:** 9 + 6 = **15**

**Aufgabe 2:** 20 − 8 = **12**

=== boxed-pair-single-box
problems: What is 4 * 4? || What is 5 * 5?
answers: 16 | 25
own: - | -
---
<think>
16 and 25.
</think>

$\boxed{16,\ 25}$

=== answer-with-trailing-period-bold
problems: How many days are in 3 weeks? || How many hours are in 2 days?
answers: 21 | 48
own: weeks | hours
---
<think>
3 weeks = 21 days. 2 days = 48 hours.
</think>

**Question 1:** There are 3 × 7 = **21.**

**Question 2:** There are 2 × 24 = **48.**

=== no-open-tag-topic-thinking
problems: Alice has 15 apples and gives 3 to Bob. How many apples does Alice have left? || A train leaves at 2 pm and travels 240 km at 80 km/h. At what hour (pm) does it arrive?
answers: 12 | 5
own: Alice | timetable
---
Okay, two problems. Let me start with the apples. Alice starts with 15 apples and gives 3 away, so 15 - 3 = 12 apples remain with Alice.

Now the train. 240 km at 80 km/h takes 240 / 80 = 3 hours. Leaving at 2 pm, it arrives at 5 pm on the timetable.
</think>

**Question 1:** Alice has $15 - 3 = \boxed{12}$ apples left.

**Question 2:** The trip takes 3 hours, so the train arrives at $\boxed{5}$ pm.

=== topic-interleaved-thinking-no-numbers
problems: A rectangle has length 12 and width 5. What is its diagonal? || A bag has 4 red and 6 blue marbles. What is the probability of drawing a red marble? Give a fraction.
answers: 13 | \frac{2}{5}
own: Pythagoras | marbles
---
<think>
Let me start with the rectangle. The diagonal by Pythagoras is sqrt(12^2 + 5^2) = sqrt(144 + 25) = sqrt(169) = 13.

Now the marbles: 4 red out of 10 total marbles, so 4/10 = 2/5.

Hmm, back to the rectangle for a second: 5-12-13 is a classic Pythagoras triple, so 13 is right.
</think>

**Question 1:** The diagonal is $\sqrt{12^2+5^2} = \boxed{13}$.

**Question 2:** $P(\text{red}) = \frac{4}{10} = \boxed{\frac{2}{5}}$.

=== chinese-shouxian-qici
problems: 计算 25 × 4 等于多少？ || 一个正方形边长为 6，周长是多少？ || 100 除以 4 等于多少？
answers: 100 | 24 | 25
own: 乘法 | 周长 | 除法
---
<think>
首先，第一个问题：25 × 4，用乘法，25 × 4 = 100。

然后，第二个问题：正方形周长 = 4 × 边长 = 4 × 6 = 24。

最后，第三个问题：100 ÷ 4，除法，结果是 25。
</think>

1. 100
2. 24
3. 25

=== prose-answers-no-markers-overlap
problems: Alice has 15 apples and gives 3 to Bob. How many apples does Alice have left? || A rectangle is 8 cm long and 5 cm wide. What is its area in square cm? || A car travels 150 km in 2 hours. What is its average speed in km/h?
answers: 12 | 40 | 75
own: Alice | rectangle | speed
---
<think>
Apples: 15 - 3 = 12.
Area: 8 * 5 = 40.
Speed: 150 / 2 = 75.
</think>

Alice is left with 12 apples after giving 3 to Bob.

The rectangle's area is 8 × 5 = 40 square cm.

The car's average speed is 150 / 2 = 75 km/h.

=== prose-answers-other-order-topics
problems: A rectangle is 8 cm long and 5 cm wide. What is its area in square cm? || Tom reads 20 pages a day. How many pages does he read in a week?
answers: 40 | 140
own: - | -
---
<think>
Pages: 20 * 7 = 140. Area: 8 * 5 = 40.
</think>

Tom reads 20 × 7 = **140** pages in a week, and the rectangle's area is 8 × 5 = **40** square cm.

=== decline-leave-it-prose
problems: What is 12 * 12? || Prove or disprove that there are infinitely many twin primes, and give the count below 10^18. || What is 50 + 50?
answers: 144 | - | 100
own: - | twin | -
---
<think>
12 * 12 = 144. The twin prime conjecture is open; I cannot give an exact count below 10^18. 50 + 50 = 100.
</think>

**Question 1:** $\boxed{144}$

**Question 2:** This is the twin prime conjecture, which is still an open problem; I'm not confident about any count, so I'll leave this one unanswered.

**Question 3:** $\boxed{100}$

=== one-question-answered-only-in-thinking
problems: What is 7 * 8? || What is 9 * 9? || What is 6 * 7?
answers: 56 | - | 42
own: - | - | -
---
<think>
Question 1: 7 * 8 = 56.
Question 2: 9 * 9 = \boxed{81}.
Question 3: 6 * 7 = 42.
</think>

**Question 1:** $\boxed{56}$

**Question 3:** $\boxed{42}$

=== cut-after-box-mid-check
problems: What is 33 * 3? || What is 17 + 58? || What is 4 * 25?
answers: 99 | 75 | -
own: - | - | -
---
finish: length
<think>
99, 75, 100.
</think>

**Question 1:** $33 \times 3 = \boxed{99}$.

**Question 2:** $17 + 58 = \boxed{75}$.

**Question 3:** Let me write it out: $4 \times 25 = 4 \times 20 + 4 \times

=== qwq-final-answer-question-lines
problems: What is the smallest prime greater than 20? || How many diagonals does a hexagon have?
answers: 23 | 9
own: prime | diagonals
---
<think>
Problem 1: numbers after 20: 21 = 3*7, 22 even, 23 is prime. So 23.

Problem 2: diagonals of an n-gon: n(n-3)/2 = 6*3/2 = 9 diagonals.
</think>

**Final Answer**

Question 1: \boxed{23}

Question 2: \boxed{9}

=== summary-revises-earlier
problems: What is 27 / 3? || What is 8 + 8 + 8?
answers: 9 | 24
own: - | -
---
<think>
27 / 3 = 9. 8 + 8 + 8 = 24.
</think>

**Question 1:** 27 / 3 = 9

**Question 2:** 8 + 8 + 8 = 26

Checking question 2 again: 8 + 8 = 16, 16 + 8 = 24. I made an addition slip above.

**Final answers:** 1) 9, 2) 24

=== qwen3-dash-bold-q-list
problems: What is 3 * 15? || What is 60 / 4? || What is 11 + 12?
answers: 45 | 15 | 23
own: - | - | -
---
<think>
45, 15, 23.
</think>

## Answers

- **Q1:** 45
- **Q2:** 15
- **Q3:** 23

=== roman-numeral-lines
problems: What is 2 * 21? || What is 100 - 1?
answers: 42 | 99
own: - | -
---
<think>
42 and 99.
</think>

I. 42

II. 99

=== answer-to-first-and-second-sentence
problems: What is 13 * 2? || What is 39 / 3?
answers: 26 | 13
own: - | -
---
<think>
26 and 13.
</think>

The answer to the first question is 26 and the answer to the second is 13.

=== problem-letter-labels
problems: What is 14 * 3? || What is 84 / 2?
answers: 42 | 42
own: - | -
---
<think>
Both 42.
</think>

**Problem A:** $14 \times 3 = 42$

**Problem B:** $84 / 2 = 42$

=== five-one-declined-one-missing
problems: What is 1 + 2? || What is the 1000th digit of pi? || What is 3 + 4? || What is 5 + 6? || What is 7 + 8?
answers: 3 | - | 7 | - | 15
own: - | - | - | - | -
---
<think>
3, can't know digit, 7, ..., 15.
</think>

**Question 1:** $\boxed{3}$

**Question 2:** I cannot determine the 1000th digit of $\pi$ without a reference.

**Question 3:** $\boxed{7}$

**Question 5:** $\boxed{15}$

=== chinese-wenti-yi-er
problems: 3 的平方是多少？ || 2 的立方是多少？
answers: 9 | 8
own: 平方 | 立方
---
<think>
问题一：3 的平方，3 × 3 = 9。
问题二：2 的立方，2 × 2 × 2 = 8。
</think>

问题一：$\boxed{9}$
问题二：$\boxed{8}$

=== latter-in-thinking
problems: How many sides does a pentagon have? || How many sides does an octagon have?
answers: 5 | 8
own: pentagon | octagon
---
<think>
A pentagon has five sides. As for the latter, an octagon has eight sides, like a stop sign.
</think>

**Question 1:** A pentagon has $\boxed{5}$ sides.

**Question 2:** An octagon has $\boxed{8}$ sides.

=== restated-problems-in-answer-section
problems: Sam has 24 stickers and gives half to his sister. How many stickers does Sam keep? || A pizza is cut into 8 slices and 3 are eaten. How many slices remain?
answers: 12 | 5
own: stickers | slices
---
<think>
Half of 24 stickers is 12. 8 - 3 = 5 slices.
</think>

Sam has 24 stickers and gives half to his sister, so he keeps 24 / 2 = 12 stickers.

A pizza is cut into 8 slices and 3 are eaten, so 8 - 3 = 5 slices remain.

=== r1-step-lists-inside-answers
problems: Solve for x: 3x - 7 = 11. || What is 15% of 200?
answers: x = 6 | 30
own: isolate | percent
---
<think>
Isolate x: 3x = 18, x = 6. 15 percent of 200 is 30.
</think>

### Question 1
1. Add 7 to both sides: $3x = 18$.
2. Divide by 3 to isolate $x$: $x = 6$.

**Answer:** $x = 6$

### Question 2
1. Convert the percent: $15\% = 0.15$.
2. Multiply: $0.15 \times 200 = 30$.

**Answer:** $30$

=== answers-in-thinking-final-line-box-list
problems: What is 9 + 10? || What is 21 - 4?
answers: 19 | 17
own: - | -
---
<think>
9 + 10 = 19 and 21 - 4 = 17.
</think>

So the final answers are $\boxed{19}$ for the first and $\boxed{17}$ for the second.

=== step-labels-inside-answers
problems: Solve for x: 2(x + 3) = 14. || Solve for y: 5y - 4 = 21.
answers: x = 4 | y = 5
own: distribute | subtract
---
<think>
First equation: distribute, 2x + 6 = 14, 2x = 8, x = 4.
Second: add 4, 5y = 25, y = 5, no need to subtract anything.
</think>

## Question 1

**Step 1:** Distribute: $2x + 6 = 14$.

**Step 2:** Solve: $2x = 8$, so $\boxed{x = 4}$.

## Question 2

**Step 1:** Add 4 to both sides: $5y = 25$.

**Step 2:** Divide by 5: $\boxed{y = 5}$.

=== cross-reference-mention
problems: What is x if 3x = 12? || Using x from the first problem, what is 2x + 1?
answers: 4 | 9
own: - | -
---
<think>
x = 4; then 2*4 + 1 = 9.
</think>

**Question 1:** $3x = 12$ gives $\boxed{4}$.

**Question 2:** Using the result of Question 1 ($x = 4$), $2x + 1 = \boxed{9}$.

=== final-answer-bold-lines
problems: How many seconds are in 5 minutes? || How many minutes are in 3 hours?
answers: 300 | 180
own: - | -
---
<think>
5 * 60 = 300; 3 * 60 = 180.
</think>

### 1. Seconds in 5 minutes
Each minute has 60 seconds, so $5 \times 60$.

**Final answer: 300**

### 2. Minutes in 3 hours
Each hour has 60 minutes, so $3 \times 60$.

**Final answer: 180**

=== numbered-prose-for-the-first
problems: A shirt costs $20 and is 25% off. What is the sale price in dollars? || A bus carries 40 people and 15 get off. How many remain?
answers: 15 | 25
own: discount | passengers
---
<think>
25% of 20 is 5 discount, 20 - 5 = 15. Bus: 40 - 15 = 25 passengers.
</think>

1. For the first problem, the discount is $0.25 \times 20 = 5$, so the sale price is $15.

2. For the second problem, the passengers remaining are 40 - 15 = 25.

=== chinese-one-line-answers
problems: 5 加 7 等于多少？ || 9 乘 3 等于多少？
answers: 12 | 27
own: - | -
---
<think>
5 加 7 等于 12，9 乘 3 等于 27。
</think>

第一题的答案是 12，第二题的答案是 27。

=== answers-paren-semicolons
problems: What is 6 + 6? || What is 14 - 7? || What is 1/2 of 1?
answers: 12 | 7 | \frac{1}{2}
own: - | - | -
---
<think>
12, 7, 1/2.
</think>

Answers: (1) 12; (2) 7; (3) $\frac{1}{2}$

=== decline-ambiguous-wont-commit
problems: What is 18 / 2? || How many people live in the largest city? (no city named)
answers: 9 | -
own: - | -
---
<think>
18 / 2 = 9. The second doesn't name a city, it is ambiguous.
</think>

**Question 1:** $18 / 2 = \boxed{9}$

**Question 2:** The question doesn't say which city or country it means, so I won't commit to a number here.

=== recap-line-overrides-sections
problems: What is 16 + 16? || What is 45 / 5?
answers: 32 | 9
own: - | -
---
<think>
32 and 9.
</think>

**Question 1:** $16 + 16 = 32$

**Question 2:** $45 / 5 = 8$... let me redo that: $5 \times 9 = 45$.

So: Question 1 → 32, Question 2 → 9.

=== lettered-questions-headings
problems: (a) What is 3 * 9? || (b) What is 4 * 9?
answers: 27 | 36
own: - | -
---
<think>
27 and 36.
</think>

#### Answer for (a)
$3 \times 9 = \boxed{27}$

#### Answer for (b)
$4 \times 9 = \boxed{36}$

=== problem-hash-numbers
problems: What is 100 - 64? || What is 13 * 3?
answers: 36 | 39
own: - | -
---
<think>
36 and 39.
</think>

**Problem #1:** $100 - 64 = \boxed{36}$

**Problem #2:** $13 \times 3 = \boxed{39}$

=== rules-between-unlabelled-boxes
problems: What is 7 * 11? || What is 7 * 12?
answers: 77 | 84
own: - | -
---
<think>
77, 84.
</think>

---
$7 \times 11 = \boxed{77}$

---
$7 \times 12 = \boxed{84}$

=== second-answered-first-prose
problems: What is 23 + 19? || What is 10 - 3?
answers: 42 | 7
own: - | -
---
<think>
42, 7.
</think>

The second question is easier: 10 - 3 = 7. As for the first, 23 + 19 = 42.

=== part-headings-thinking-question-words
problems: What is 2 * 50? || What is 300 / 3?
answers: 100 | 100
own: doubling | thirds
---
<think>
Question 1: doubling 50 gives 100.
Question 2: 300 in thirds is 100.
</think>

**Part 1:** $\boxed{100}$

**Part 2:** $\boxed{100}$

=== long-r1-steps-and-cases-distractors
problems: Find all real x with |2x - 3| = 7. Give the sum of the solutions. || A store sells pens at 3 for $2. How many dollars do 18 pens cost?
answers: 3 | 12
own: absolute | pens cost
---
<think>
Okay, let me tackle these one at a time.

Question 1 is about an absolute value equation. |2x - 3| = 7 means two cases.
Case 1: 2x - 3 = 7, so 2x = 10, x = 5.
Case 2: 2x - 3 = -7, so 2x = -4, x = -2.
First, check x = 5: |10 - 3| = 7. Good. Second, check x = -2: |-4 - 3| = 7. Good.
So the absolute value equation has solutions 5 and -2, sum 3.

Question 2: pens at 3 for $2. 18 pens is 6 groups of 3, so 6 * 2 = 12 dollars. The pens cost 12.
1. groups: 18 / 3 = 6
2. cost: 6 * 2 = 12
Yes, 12.
</think>

### Question 1
We split into two cases:
1. $2x - 3 = 7 \Rightarrow x = 5$
2. $2x - 3 = -7 \Rightarrow x = -2$

The sum of the solutions is $5 + (-2) = \boxed{3}$.

### Question 2
Eighteen pens are $18 / 3 = 6$ groups, each costing \$2, so the total is $\boxed{12}$ dollars.

=== long-qwq-wait-revisions
problems: What is the greatest common divisor of 48 and 180? || How many positive divisors does 36 have?
answers: 12 | 9
own: Euclid | divisors of 36
---
<think>
Let me start with the first one. GCD of 48 and 180. Using Euclid: 180 = 3*48 + 36, 48 = 1*36 + 12, 36 = 3*12. So GCD is 12.

Wait, let me double-check with prime factorization. 48 = 2^4 * 3, 180 = 2^2 * 3^2 * 5. Common: 2^2 * 3 = 12. Yes, Euclid agrees.

Now the second: divisors of 36. 36 = 2^2 * 3^2, so (2+1)(2+1) = 9 divisors of 36. Let me list: 1, 2, 3, 4, 6, 9, 12, 18, 36. That's 9.

Hmm, wait. Going back to the first one: is it asking for gcd or lcm? It says greatest common divisor. OK, 12 by Euclid.
</think>

1. $\gcd(48, 180) = \boxed{12}$
2. $36 = 2^2 \cdot 3^2$ has $(2+1)(2+1) = \boxed{9}$ positive divisors.

=== long-distill-three-mixed
problems: What is the value of 3! + 4!? || If f(x) = 2x + 1, what is f(f(2))? || How many vertices does a triangular prism have?
answers: 30 | 11 | 6
own: factorial | composition | prism
---
<think>
Alright, three problems.

For problem one, factorial: 3! = 6, 4! = 24, total 30.

Problem two is a composition: f(2) = 5, then f(5) = 11.

Problem three: a triangular prism has two triangular faces, each with 3 vertices, so 6 vertices in the prism.
</think>

**Answers**

- Problem 1: $3! + 4! = 6 + 24 = 30$
- Problem 2: $f(f(2)) = f(5) = 11$
- Problem 3: $6$ vertices

=== long-chinese-mixed-english-answer
problems: What is 7 squared minus 9? || What is the perimeter of an equilateral triangle with side 11? || What is 1000 divided by 40?
answers: 40 | 33 | 25
own: 平方 | 等边三角形 | 除以
---
<think>
好，先看第一题：7 的平方是 49，减去 9 得 40。

第二题：等边三角形周长是 3 × 11 = 33。

第三题：1000 除以 40 等于 25。

检查：49 - 9 = 40 ✓，3 × 11 = 33 ✓，40 × 25 = 1000 ✓。
</think>

**Answers:**

1. 40
2. 33
3. 25

=== long-r1-one-unsolved-summary
problems: What is 2^8? || What is the exact value of the sum of 1/n^3 for n from 1 to infinity in closed form? || What is 15 * 15?
answers: 256 | - | 225
own: - | Apéry | -
---
<think>
2^8 = 256.
The second is Apéry's constant zeta(3); no closed form is known.
15 * 15 = 225.
</think>

**Question 1:** $2^8 = \boxed{256}$

**Question 2:** This sum is $\zeta(3)$ (Apéry's constant), and no closed form is known, so I cannot give an exact closed-form value.

**Question 3:** $15^2 = \boxed{225}$

**Summary:** Q1 = 256, Q2: no closed form, Q3 = 225.

=== long-cut-third-in-summary
problems: What is 81 - 18? || What is 12 * 11? || What is 1024 / 32?
answers: 63 | 132 | -
own: - | - | -
---
finish: length
<think>
63, 132, 32.
</think>

**Question 1:** $81 - 18 = \boxed{63}$

**Question 2:** $12 \times 11 = \boxed{132}$

**Question 3:** $1024 / 32$: since $32 \times 30 = 960$ and $1024 - 960 = 64 = 32 \times 2$, the quotient is

=== prose-one-sentence-two-clauses
problems: A train travels 180 km in 3 hours. What is its average speed in km/h? || How many ways can 4 books be arranged on a shelf?
answers: 60 | 24
own: - | -
---
<think>
Speed: 180 / 3 = 60. Books: 4! = 24.
</think>

So the train's average speed is 60 km/h, and the books can be arranged in 24 ways.

=== prose-one-sentence-reversed
problems: A train travels 180 km in 3 hours. What is its average speed in km/h? || How many ways can 4 books be arranged on a shelf?
answers: 60 | 24
own: - | -
---
<think>
Speed: 180 / 3 = 60. Books: 4! = 24.
</think>

The books can be arranged in 24 ways, and the train's average speed is 60 km/h.

=== topic-label-lines
problems: A train travels 180 km in 3 hours. What is its average speed in km/h? || How many ways can 4 books be arranged on a shelf?
answers: 60 | 24
own: - | -
---
<think>
Speed: 180 / 3 = 60. Books: 4! = 24.
</think>

Train: 60 km/h
Books: 24 ways

=== statement-value-then-justification
problems: A train travels 180 km in 3 hours. What is its average speed in km/h? || How many ways can 4 books be arranged on a shelf? || Sara buys 6 apples at 45 cents each. How much does she pay in cents?
answers: 60 | 24 | 270
own: - | - | -
---
<think>
60, 24 (I briefly thought 25), 270.
</think>

**Question 1:** 60 km/h (since 180 / 3 = 60)

**Question 2:** 24 (not 25 as I first thought), because 4! = 4 × 3 × 2 × 1

**Question 3:** 6 apples, so 6 × 45 = 270 cents

=== cut-inside-closing-summary
problems: What is 180 / 3? || What is 4 factorial? || What is 6 * 45?
answers: 60 | 24 | 270
own: - | - | -
---
finish: length
<think>
60, 24, 270.
</think>

**Question 1:** $180 / 3 = \boxed{60}$

**Question 2:** $4! = \boxed{24}$

**Question 3:** $6 \times 45 = \boxed{270}$

**Summary:** 1) 60, 2) 24, 3) 2

=== multiple-choice-forms
problems: Which is prime? (A) 21 (B) 27 (C) 29 (D) 33 || Which is a square? (A) 50 (B) 64 (C) 70 (D) 90 || Which is odd? (A) 12 (B) 18 (C) 22 (D) 35
answers: C | B | D
own: - | - | -
---
<think>
29 is prime, 64 = 8^2, 35 is odd.
</think>

**Question 1:** **C. 29**

**Question 2:** Option B (64) is the square.

**Question 3:** 35

=== cjk-enumeration-labels
problems: 180 除以 3 等于多少？ || 4 的阶乘是多少？ || 6 乘 45 等于多少？
answers: 60 | 24 | 270
own: - | - | -
---
<think>
180÷3=60，4!=24，6×45=270。
</think>

一、60
二、24
三、270

=== fullwidth-paren-labels
problems: 7 加 8 等于多少？ || 9 减 4 等于多少？
answers: 15 | 5
own: - | -
---
<think>
15 和 5。
</think>

（1）15
（2）5

=== answer-to-number-lines
problems: What is 180 / 3? || What is 4 factorial?
answers: 60 | 24
own: - | -
---
<think>
60 and 24.
</think>

Answer to 1: 60
Answer to 2: 24

=== topic-headings-out-of-order
problems: A train travels 180 km in 3 hours. What is its average speed in km/h? || How many ways can 4 books be arranged on a shelf? || Sara buys 6 apples at 45 cents each. How much does she pay in cents?
answers: 60 | 24 | 270
own: - | - | -
---
<think>
The apples are quickest: 270. Train: 60. Books: 24.
</think>

### Apples
$6 \times 45 = \boxed{270}$

### Train
$180 / 3 = \boxed{60}$

### Books
$4! = \boxed{24}$
"""


@dataclass(frozen=True)
class Case:
    """One batched response and what a careful reader takes from it."""

    id: str
    problems: list[str]
    answers: list[str | None]
    own: list[str | None]
    response: str
    truncated: bool


def load_cases(text: str = CASES) -> list[Case]:
    """The cases of ``text`` (``=== id`` blocks, header lines, ``---``, the response)."""
    found = []
    for block in text.split("\n=== ")[1:]:
        header, _, response = block.partition("\n---\n")
        lines = header.splitlines()
        fields = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
        rows = [[None if v.strip() == "-" else v.strip() for v in fields[key].split(sep)]
                for key, sep in (("problems", "||"), ("answers", "|"), ("own", "|"))]  # fmt: skip
        finish = response.startswith("finish: length\n")
        response = response.removeprefix("finish: length\n")
        found.append(Case(lines[0].strip(), *rows, response.rstrip("\n") + "\n", finish))
    return found


def check(case: Case) -> tuple[list[bool], list[bool | None]]:
    """Per question: whether the answer is right, whether the chain is pure (None: unchecked)."""
    chains = split_batched_response(
        case.response, len(case.problems), truncated=case.truncated, problems=case.problems
    )
    right, pure = [], []
    for k, (chain, expected) in enumerate(zip(chains, case.answers, strict=True)):
        got = chain.answer
        right.append(
            (got is None and expected is None)
            or (got is not None and expected is not None
                and normalise_answer(got) == normalise_answer(expected))
        )  # fmt: skip
        if case.own[k] is None:
            pure.append(None)
            continue
        text = chain.reasoning or ""
        others = [o for j, o in enumerate(case.own) if j != k and o]
        pure.append(case.own[k] in text and not any(o in text for o in others))
    return right, pure


def score(cases: list[Case]) -> tuple[float, float, list[str]]:
    """(answer accuracy, purity, failure lines) over ``cases``."""
    right = total = pure = checked = 0
    failures = []
    for case in cases:
        answers, purities = check(case)
        right, total = right + sum(answers), total + len(answers)
        known = [p for p in purities if p is not None]
        pure, checked = pure + sum(known), checked + len(known)
        for k, (ok, clean) in enumerate(zip(answers, purities, strict=True), start=1):
            if not ok or clean is False:
                failures.append(f"{case.id} q{k}: answer {'ok' if ok else 'WRONG'}, "
                                f"pure {clean}")  # fmt: skip
    return right / total, pure / checked, failures


ALL = load_cases()
REMAINING: set[str] = {
    "qwq-answers-out-of-order",
}
"""Cases the splitter still gets wrong (answers or purity), listed honestly."""


def test_the_set_is_large_and_well_formed():
    assert len(ALL) >= 40 and len({c.id for c in ALL}) == len(ALL)
    assert all(len(c.problems) == len(c.answers) == len(c.own) for c in ALL)


@pytest.mark.parametrize("case", ALL, ids=[c.id for c in ALL])
def test_each_case(case: Case):
    if case.id in REMAINING:
        pytest.xfail("a form the splitter does not read yet")
    answers, purities = check(case)
    assert all(answers) and all(p is not False for p in purities)


if __name__ == "__main__":
    accuracy, purity, lines = score(ALL)
    print(f"generalisation set: {len(ALL)} responses, "
          f"{sum(len(c.problems) for c in ALL)} questions: "
          f"answer accuracy {accuracy:.3f}, purity {purity:.3f}")  # fmt: skip
    print("\n".join(lines[: int(sys.argv[1]) if len(sys.argv) > 1 else 100]))


def test_one_rule_for_what_an_answer_value_is():
    cases = {
        "\\textbf{\\text{16}}": "16", "**16.**": "16", "$\\mathbf{43}$": "43",
        "\\text{(B)}": "B", "x = 5": "x = 5", "(E) Cylinder": "(E) Cylinder", "x_{1}": "x_{1}",
    }  # fmt: skip
    assert {raw: answer_value(raw) for raw in cases} == cases
    assert piece_value("(C) 29 — the only prime.", "(C) 29 — the only prime.")[0] == "C"
    assert piece_value("so 14 + 15 = 29", "so 14 + 15 = 29")[0] == "29"
    justified = "24, because 4! = 4 × 3 × 2 × 1"
    assert piece_value(justified, justified)[0] == "24"
    restated = "6 apples, so 6 × 45 = 270"  # the leading 6 is the problem's own number
    assert piece_value(restated, restated, frozenset({"6", "45"}))[0] == "270"


def test_answers_written_as_data():
    table = "| # | Problem | Check | Answer |\n|---|---|---|---|\n| 1 | 2+2 | ok | 4 |\n| 2 | 3/3 | ok | Cannot be determined |\n| 3 | 9-1 | 8+1=9 | **8** |"
    assert table_answers(table, 3) == {1: "4", 3: "8"}
    assert json_answers('```json\n{"answers": {"Q1": "7", "Q2": 9}}\n```', 2) == {1: "7", 2: "9"}
    assert json_answers('[{"id": 2, "answer": "5"}, {"id": 1, "answer": "\\\\frac{1}{2}"}]', 2) == {
        2: "5", 1: "\\frac{1}{2}",
    }  # fmt: skip
    assert json_answers('Final: {"q1": "C", "q2": 24}', 2) == {1: "C", 2: "24"}
    assert json_answers("[3, 4, 5]", 2) == {} and table_answers("| a | b |\n| 1 | 2 |", 2) == {}
