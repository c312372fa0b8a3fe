-- bench/real/workloads/trees.lua - an allocation-heavy Lua program: every table, closure and
-- string goes through Lua's one allocator function (lua_Alloc = realloc), so this is the
-- "interpreter whose every allocation is realloc" path. Prints checksums only.
local function make(depth)
  if depth == 0 then return {} end
  return { make(depth - 1), make(depth - 1) }
end
local function check(t)
  if t[1] == nil then return 1 end
  return 1 + check(t[1]) + check(t[2])
end

local total = 0
for round = 1, 8 do
  local long_lived = make(14)
  for i = 1, 40 do total = total + check(make(10)) end
  total = total + check(long_lived)
end

local words = {}
for i = 1, 120000 do
  words[#words + 1] = string.format("w%05d:%s", i % 50000, string.rep("x", i % 17))
end
table.sort(words)
local counts = {}
for _, w in ipairs(words) do
  local k = w:sub(1, 6)
  counts[k] = (counts[k] or 0) + #w
end
local n, sum = 0, 0
for _, v in pairs(counts) do n = n + 1; sum = sum + v end
local parts = {}
for i = 1, 20000 do parts[#parts + 1] = tostring(i * 7) end
local joined = table.concat(parts, ",")
print(total, n, sum, #joined)
