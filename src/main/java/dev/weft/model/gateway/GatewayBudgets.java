package dev.weft.model.gateway;

import dev.weft.model.CallCost;
import dev.weft.model.TokenUsage;
import jakarta.annotation.PreDestroy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Budgets and rate limits per workspace and per app API key: tokens per minute (a fixed window per UTC minute)
 * and cost per month (USD, per UTC calendar month, priced from the model catalogue). A call is refused when a
 * budget of its scope is already spent; its tokens and cost are charged when it ends, so one call may go past a
 * limit, and the next is refused. Limits live in {@code gateway_budget}; monthly spend in {@code gateway_spend},
 * kept in memory and written every two seconds (and on shutdown), so the check never waits on the database.
 */
@Component
public class GatewayBudgets implements BudgetGuard {

    private static final Logger log = LoggerFactory.getLogger(GatewayBudgets.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** A budget's limits; null fields are no limit. */
    public record Limits(Long tokensPerMinute, BigDecimal costPerMonth) {
        static final Limits NONE = new Limits(null, null);
    }

    private record ScopeKey(BudgetScope type, String id) {}

    private static final class Minute {
        long minute;
        long tokens;
    }

    private static final class Month {
        BigDecimal cost = BigDecimal.ZERO;
        long tokens;
        long version;
        long savedVersion;

        boolean dirty() {
            return version != savedVersion;
        }
    }

    private record Snapshot(GatewaySpend.Key key, Month month, BigDecimal cost, long tokens, long version) {}

    private final GatewayBudgetRepository budgets;
    private final GatewaySpendRepository spends;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Map<ScopeKey, Limits> limits = new ConcurrentHashMap<>();
    private final Map<ScopeKey, Minute> minutes = new ConcurrentHashMap<>();
    private final Map<GatewaySpend.Key, Month> months = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    @Autowired
    GatewayBudgets(GatewayBudgetRepository budgets, GatewaySpendRepository spends, TransactionTemplate transaction) {
        this(budgets, spends, transaction, Clock.systemUTC());
    }

    GatewayBudgets(GatewayBudgetRepository budgets, GatewaySpendRepository spends, TransactionTemplate transaction, Clock clock) {
        this.budgets = budgets;
        this.spends = spends;
        this.transaction = transaction;
        this.clock = clock;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weft-gateway-spend");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, 2, 2, TimeUnit.SECONDS);
    }

    /** The limits of a workspace or an app API key. */
    public Limits limits(BudgetScope type, String id) {
        return limits.computeIfAbsent(new ScopeKey(type, id), k -> budgets.findById(new GatewayBudget.Key(type, id))
                .map(b -> new Limits(b.getTokensPerMinute(), b.getCostPerMonth())).orElse(Limits.NONE));
    }

    /** Sets (or with both null, clears) the limits of a workspace or an app API key. */
    public void setLimits(BudgetScope type, String id, Long tokensPerMinute, BigDecimal costPerMonth) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a budget needs the id of its " + (type == BudgetScope.WORKSPACE ? "workspace" : "app API key"));
        }
        if (tokensPerMinute != null && tokensPerMinute <= 0) {
            throw new IllegalArgumentException("tokens per minute must be a positive whole number, or empty for no limit; got " + tokensPerMinute);
        }
        if (costPerMonth != null && costPerMonth.signum() < 0) {
            throw new IllegalArgumentException("cost per month must be zero or more USD, or empty for no limit; got " + costPerMonth);
        }
        transaction.executeWithoutResult(s -> {
            GatewayBudget.Key key = new GatewayBudget.Key(type, id);
            if (tokensPerMinute == null && costPerMonth == null) {
                budgets.deleteById(key);
                return;
            }
            GatewayBudget b = budgets.findById(key).orElseGet(() -> new GatewayBudget(type, id));
            b.set(tokensPerMinute, costPerMonth);
            budgets.save(b);
        });
        limits.remove(new ScopeKey(type, id));
    }

    /** What the scope spent in the current month, in USD. */
    public BigDecimal spentThisMonth(BudgetScope type, String id) {
        Month m = month(new GatewaySpend.Key(type, id, period(clock.instant())));
        synchronized (m) {
            return m.cost;
        }
    }

    @Override
    public void check(CallScope scope) {
        for (ScopeKey key : keys(scope)) {
            Limits l = limits(key.type, key.id);
            if (l == Limits.NONE) {
                continue;
            }
            Instant now = clock.instant();
            if (l.tokensPerMinute() != null) {
                long used = tokensThisMinute(key, now);
                if (used >= l.tokensPerMinute()) {
                    Instant reset = Instant.ofEpochSecond((now.getEpochSecond() / 60 + 1) * 60);
                    Duration wait = Duration.between(now, reset);
                    throw new BudgetExceededException(key.type.describe() + "'s budget of " + l.tokensPerMinute()
                            + " tokens per minute is spent: " + used + " tokens used since "
                            + TIME.format(reset.minusSeconds(60)) + "; it resets at " + TIME.format(reset)
                            + " (in " + Math.max(1, (wait.toMillis() + 999) / 1000) + " s). Raise the limit in the gateway settings or try again then.",
                            wait);
                }
            }
            if (l.costPerMonth() != null) {
                YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
                BigDecimal spent = spentThisMonth(key.type, key.id);
                if (spent.compareTo(l.costPerMonth()) >= 0) {
                    Instant reset = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                    throw new BudgetExceededException(key.type.describe() + "'s budget of " + usd(l.costPerMonth())
                            + " per month is spent: " + usd(spent) + " used in " + month + "; it resets on "
                            + reset.toString().substring(0, 10) + " 00:00 UTC. Raise the limit in the gateway settings or wait until then.",
                            Duration.between(now, reset));
                }
            }
        }
    }

    @Override
    public void charge(CallScope scope, TokenUsage usage, CallCost cost) {
        long tokens = usage == null ? 0 : usage.totalTokens();
        BigDecimal price = cost == null ? BigDecimal.ZERO : cost.totalPrice();
        if (tokens == 0 && price.signum() == 0) {
            return;
        }
        Instant now = clock.instant();
        for (ScopeKey key : keys(scope)) {
            Minute minute = minutes.computeIfAbsent(key, k -> new Minute());
            long current = now.getEpochSecond() / 60;
            synchronized (minute) {
                if (minute.minute != current) {
                    minute.minute = current;
                    minute.tokens = 0;
                }
                minute.tokens += tokens;
            }
            Month m = month(new GatewaySpend.Key(key.type, key.id, period(now)));
            synchronized (m) {
                m.cost = m.cost.add(price);
                m.tokens += tokens;
                m.version++;
            }
        }
    }

    /** Writes the changed monthly spend to the database; one flush at a time, so a caller sees the spend saved on return. */
    public synchronized void flush() {
        List<Snapshot> dirty = new ArrayList<>();
        months.forEach((k, m) -> {
            synchronized (m) {
                if (m.dirty()) {
                    dirty.add(new Snapshot(k, m, m.cost, m.tokens, m.version));
                }
            }
        });
        if (dirty.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(s -> {
            for (Snapshot d : dirty) {
                GatewaySpend row = spends.findById(d.key()).orElseGet(() -> new GatewaySpend(d.key()));
                row.set(d.cost(), d.tokens());
                spends.save(row);
            }
        });
        for (Snapshot d : dirty) {
            synchronized (d.month()) {
                d.month().savedVersion = Math.max(d.month().savedVersion, d.version());
            }
        }
        String current = period(clock.instant());
        months.entrySet().removeIf(e -> !e.getKey().period().equals(current) && !e.getValue().dirty());
    }

    @PreDestroy
    void close() {
        flusher.shutdownNow();
        flushQuietly();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("could not save the gateway's monthly spend: {}", e.toString());
        }
    }

    private long tokensThisMinute(ScopeKey key, Instant now) {
        Minute minute = minutes.get(key);
        if (minute == null) {
            return 0;
        }
        synchronized (minute) {
            return minute.minute == now.getEpochSecond() / 60 ? minute.tokens : 0;
        }
    }

    private Month month(GatewaySpend.Key key) {
        return months.computeIfAbsent(key, k -> {
            Month m = new Month();
            Optional<GatewaySpend> row = spends.findById(k);
            row.ifPresent(r -> {
                m.cost = r.getCost();
                m.tokens = r.getTokens();
            });
            return m;
        });
    }

    private static List<ScopeKey> keys(CallScope scope) {
        List<ScopeKey> keys = new ArrayList<>(2);
        if (scope.workspaceId() != null) {
            keys.add(new ScopeKey(BudgetScope.WORKSPACE, scope.workspaceId()));
        }
        if (scope.apiKeyId() != null) {
            keys.add(new ScopeKey(BudgetScope.API_KEY, scope.apiKeyId()));
        }
        return keys;
    }

    static String period(Instant now) {
        return YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
    }

    static String usd(BigDecimal amount) {
        BigDecimal scaled = amount.scale() > 6 ? amount.setScale(6, RoundingMode.HALF_UP) : amount;
        return "$" + scaled.stripTrailingZeros().toPlainString() + " (USD)";
    }
}
